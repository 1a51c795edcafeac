package nl.klantspiegel.boot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds every refusal the API tests provoke to the log's promise: a refused request writes at most one short line
 * (no stack trace, no second line). The lines the server's request threads log at INFO or above are kept while a test
 * waits for a response; when the answer is a refusal (4xx), those lines are checked. A count is only checked when no
 * other request of the tests was under way at the same time (their lines would mix).
 */
final class RefusalLog {

    private static final int SHORT = 400;
    private static final List<ILoggingEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final String NAME = "refusal-log";

    private RefusalLog() {
    }

    /** Marks a request under way; returns where its log lines begin. */
    static Window open() {
        attach();
        int others = IN_FLIGHT.getAndIncrement();
        return new Window(EVENTS.size(), others == 0);
    }

    record Window(int from, boolean alone) {

        /** Ends the request; when it was refused, fails unless it logged at most one short line. */
        void close(String method, String path, int status) {
            boolean stillAlone = IN_FLIGHT.getAndDecrement() == 1 && alone;
            if (status < 400 || status >= 500) {
                return;
            }
            List<ILoggingEvent> lines = List.copyOf(EVENTS.subList(Math.min(from, EVENTS.size()), EVENTS.size()));
            for (ILoggingEvent line : lines) {
                String message = line.getFormattedMessage();
                if (line.getThrowableProxy() != null || message.contains("\n") || message.length() > SHORT) {
                    throw new AssertionError("refusing " + method + " " + path + " (" + status + ") logged more than "
                            + "one short line: " + line.getLoggerName() + " " + line.getLevel() + " "
                            + message.substring(0, Math.min(message.length(), SHORT))
                            + (line.getThrowableProxy() == null ? "" : " with a stack trace of "
                            + line.getThrowableProxy().getClassName()));
                }
            }
            if (stillAlone && lines.size() > 1) {
                throw new AssertionError("refusing " + method + " " + path + " (" + status + ") logged "
                        + lines.size() + " lines: " + lines.stream().map(ILoggingEvent::getFormattedMessage).toList());
            }
        }
    }

    /**
     * Adds the appender to the root logger, again whenever it is gone: every Spring context a test starts resets
     * Logback's configuration, which removes appenders it did not configure.
     */
    private static void attach() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        synchronized (RefusalLog.class) {
            if (root.getAppender(NAME) != null) {
                return;
            }
            AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    if (event.getLevel().isGreaterOrEqual(Level.INFO) && event.getThreadName().startsWith("http-nio")) {
                        EVENTS.add(event);
                    }
                }
            };
            appender.setName(NAME);
            appender.setContext(context);
            appender.start();
            root.addAppender(appender);
        }
    }
}
