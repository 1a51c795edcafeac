package nl.klantspiegel.boot;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log check every refusal of the API tests passes through can fail. */
class RefusalLogTest {

    private static final Logger log = LoggerFactory.getLogger("a.request.handler");

    private static void onARequestThread(Runnable logging) throws InterruptedException {
        Thread thread = new Thread(logging, "http-nio-0-exec-test");
        thread.start();
        thread.join();
    }

    @Test
    void one_short_line_for_a_refusal_passes() throws Exception {
        RefusalLog.Window window = RefusalLog.open();
        onARequestThread(() -> log.info("Refused: the name is empty"));

        assertThatCode(() -> window.close("POST", "/api/organisations", 400)).doesNotThrowAnyException();
    }

    @Test
    void a_stack_trace_or_a_second_line_fails() throws Exception {
        RefusalLog.Window traced = RefusalLog.open();
        onARequestThread(() -> log.warn("Could not load", new IllegalStateException("no such assessment")));
        assertThatThrownBy(() -> traced.close("PUT", "/api/assessments/x/answers/1", 404))
                .isInstanceOf(AssertionError.class).hasMessageContaining("stack trace");

        RefusalLog.Window twice = RefusalLog.open();
        onARequestThread(() -> {
            log.info("Refused");
            log.warn("Refused, said again");
        });
        assertThatThrownBy(() -> twice.close("PUT", "/api/assessments/x/answers/1", 409))
                .isInstanceOf(AssertionError.class).hasMessageContaining("logged 2 lines");
    }
}
