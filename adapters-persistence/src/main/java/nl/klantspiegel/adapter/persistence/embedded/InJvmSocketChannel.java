package nl.klantspiegel.adapter.persistence.embedded;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.util.ReferenceCountUtil;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection of the MongoDB driver to the embedded database that never leaves this JVM: no socket, no port,
 * nothing another process could connect to.
 *
 * <p>The driver's Netty transport accepts any {@link SocketChannel} class and connects it to the address of the
 * server it was given. This channel looks that server's host name up among the embedded databases of this JVM
 * (see {@link #serve}) and connects, instead of a TCP socket, an in-memory Netty {@link LocalChannel} to the
 * database's {@code LocalServerChannel}; bytes written by the driver go to that local channel, and what the
 * database answers comes up this channel's pipeline to the driver. The driver's socket options (no delay,
 * keep-alive, buffer sizes) mean nothing here; they are accepted and ignored.
 *
 * <p>(A {@code SocketChannel} cannot simply extend {@code LocalChannel}: the two declare incompatible address
 * types. Hence this small channel that owns one.)
 */
public final class InJvmSocketChannel extends AbstractChannel implements SocketChannel {

    /** The embedded databases of this JVM, by the host name in their connection string. */
    private static final Map<String, LocalAddress> SERVERS = new ConcurrentHashMap<>();
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final Config config = new Config(this);
    private volatile boolean open = true;
    private volatile boolean active;
    private volatile LocalChannel link;
    private volatile InetSocketAddress remote;

    /** For the driver, which creates its channels by reflection. */
    public InJvmSocketChannel() {
        super(null);
    }

    /** Makes the database listening on {@code address} reachable under {@code host}; undone by closing the result. */
    static AutoCloseable serve(String host, LocalAddress address) {
        if (SERVERS.putIfAbsent(host, address) != null) {
            throw new IllegalStateException("an embedded database is already served as " + host);
        }
        return () -> SERVERS.remove(host, address);
    }

    // ----- the channel --------------------------------------------------------------------------------

    @Override
    public ServerSocketChannel parent() {
        return null;
    }

    @Override
    public SocketChannelConfig config() {
        return config;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) super.remoteAddress();
    }

    @Override
    protected SocketAddress localAddress0() {
        return active ? LOCAL : null;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return loop instanceof SingleThreadEventLoop; // the loop also carries the LocalChannel
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new Unsafe();
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("an in-JVM connection has no local address to bind");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        open = false;
        active = false;
        LocalChannel connected = link;
        if (connected != null) {
            connected.close();
        }
    }

    @Override
    protected void doBeginRead() {
        // the local channel reads by itself and hands everything up (auto-read)
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer outbound) throws Exception {
        LocalChannel connected = link;
        if (connected == null || !connected.isActive()) {
            throw new ClosedChannelException();
        }
        for (Object message = outbound.current(); message != null; message = outbound.current()) {
            connected.write(ReferenceCountUtil.retain(message), connected.voidPromise());
            outbound.remove();
        }
        connected.flush();
    }

    // ----- half-closing: not supported; closes the whole connection ----------------------------------

    @Override
    public boolean isInputShutdown() {
        return !active;
    }

    @Override
    public ChannelFuture shutdownInput() {
        return close();
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        return close(promise);
    }

    @Override
    public boolean isOutputShutdown() {
        return !active;
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return close();
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        return close(promise);
    }

    @Override
    public boolean isShutdown() {
        return !active;
    }

    @Override
    public ChannelFuture shutdown() {
        return close();
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        return close(promise);
    }

    private final class Unsafe extends AbstractUnsafe {

        @Override
        public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
            if (!promise.setUncancellable() || !ensureOpen(promise)) {
                return;
            }
            if (link != null || active) {
                safeSetFailure(promise, new AlreadyConnectedException());
                return;
            }
            String host = remoteAddress instanceof InetSocketAddress inet ? inet.getHostString() : null;
            LocalAddress server = host == null ? null : SERVERS.get(host);
            if (server == null) {
                safeSetFailure(promise, new ConnectException("no embedded database named " + host + " in this JVM"));
                close(voidPromise());
                return;
            }
            new Bootstrap()
                    .group(eventLoop())
                    .channel(LocalChannel.class)
                    .handler(new Relay())
                    .connect(server)
                    .addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            safeSetFailure(promise, connected.cause());
                            close(voidPromise());
                            return;
                        }
                        link = (LocalChannel) connected.channel();
                        if (!open) {
                            link.close();
                            safeSetFailure(promise, new ClosedChannelException());
                            return;
                        }
                        remote = (InetSocketAddress) remoteAddress;
                        active = true;
                        if (promise.trySuccess()) {
                            pipeline().fireChannelActive();
                        }
                    });
        }
    }

    /** Hands what the database sends up this channel's pipeline, and closes this channel when the link closes. */
    private final class Relay extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (open) {
                pipeline().fireChannelRead(message);
            } else {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            if (open) {
                pipeline().fireChannelReadComplete();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (open) {
                unsafe().close(unsafe().voidPromise());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            pipeline().fireExceptionCaught(cause);
        }
    }

    /** The driver's socket options are kept (and reported back) but change nothing in memory. */
    private static final class Config extends DefaultChannelConfig implements SocketChannelConfig {
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private boolean reuseAddress;
        private boolean allowHalfClosure;
        private int soLinger = -1;
        private int sendBufferSize;
        private int receiveBufferSize;
        private int trafficClass;

        Config(Channel channel) {
            super(channel);
        }

        @Override
        @SuppressWarnings({"unchecked", "deprecation"})
        public <T> T getOption(ChannelOption<T> option) {
            if (option == ChannelOption.TCP_NODELAY) {
                return (T) Boolean.valueOf(tcpNoDelay);
            }
            if (option == ChannelOption.SO_KEEPALIVE) {
                return (T) Boolean.valueOf(keepAlive);
            }
            if (option == ChannelOption.SO_RCVBUF) {
                return (T) Integer.valueOf(receiveBufferSize);
            }
            if (option == ChannelOption.SO_SNDBUF) {
                return (T) Integer.valueOf(sendBufferSize);
            }
            return super.getOption(option);
        }

        @Override
        public <T> boolean setOption(ChannelOption<T> option, T value) {
            if (option == ChannelOption.TCP_NODELAY) {
                tcpNoDelay = (Boolean) value;
            } else if (option == ChannelOption.SO_KEEPALIVE) {
                keepAlive = (Boolean) value;
            } else if (option == ChannelOption.SO_RCVBUF) {
                receiveBufferSize = (Integer) value;
            } else if (option == ChannelOption.SO_SNDBUF) {
                sendBufferSize = (Integer) value;
            } else {
                return super.setOption(option, value);
            }
            return true;
        }

        @Override
        public boolean isTcpNoDelay() {
            return tcpNoDelay;
        }

        @Override
        public SocketChannelConfig setTcpNoDelay(boolean tcpNoDelay) {
            this.tcpNoDelay = tcpNoDelay;
            return this;
        }

        @Override
        public int getSoLinger() {
            return soLinger;
        }

        @Override
        public SocketChannelConfig setSoLinger(int soLinger) {
            this.soLinger = soLinger;
            return this;
        }

        @Override
        public int getSendBufferSize() {
            return sendBufferSize;
        }

        @Override
        public SocketChannelConfig setSendBufferSize(int sendBufferSize) {
            this.sendBufferSize = sendBufferSize;
            return this;
        }

        @Override
        public int getReceiveBufferSize() {
            return receiveBufferSize;
        }

        @Override
        public SocketChannelConfig setReceiveBufferSize(int receiveBufferSize) {
            this.receiveBufferSize = receiveBufferSize;
            return this;
        }

        @Override
        public boolean isKeepAlive() {
            return keepAlive;
        }

        @Override
        public SocketChannelConfig setKeepAlive(boolean keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        @Override
        public int getTrafficClass() {
            return trafficClass;
        }

        @Override
        public SocketChannelConfig setTrafficClass(int trafficClass) {
            this.trafficClass = trafficClass;
            return this;
        }

        @Override
        public boolean isReuseAddress() {
            return reuseAddress;
        }

        @Override
        public SocketChannelConfig setReuseAddress(boolean reuseAddress) {
            this.reuseAddress = reuseAddress;
            return this;
        }

        @Override
        public SocketChannelConfig setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
            return this;
        }

        @Override
        public boolean isAllowHalfClosure() {
            return allowHalfClosure;
        }

        @Override
        public SocketChannelConfig setAllowHalfClosure(boolean allowHalfClosure) {
            this.allowHalfClosure = allowHalfClosure;
            return this;
        }

        @Override
        public SocketChannelConfig setConnectTimeoutMillis(int connectTimeoutMillis) {
            super.setConnectTimeoutMillis(connectTimeoutMillis);
            return this;
        }

        @Override
        @Deprecated
        public SocketChannelConfig setMaxMessagesPerRead(int maxMessagesPerRead) {
            super.setMaxMessagesPerRead(maxMessagesPerRead);
            return this;
        }

        @Override
        public SocketChannelConfig setWriteSpinCount(int writeSpinCount) {
            super.setWriteSpinCount(writeSpinCount);
            return this;
        }

        @Override
        public SocketChannelConfig setAllocator(ByteBufAllocator allocator) {
            super.setAllocator(allocator);
            return this;
        }

        @Override
        public SocketChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
            super.setRecvByteBufAllocator(allocator);
            return this;
        }

        @Override
        public SocketChannelConfig setAutoRead(boolean autoRead) {
            super.setAutoRead(autoRead);
            return this;
        }

        @Override
        public SocketChannelConfig setAutoClose(boolean autoClose) {
            super.setAutoClose(autoClose);
            return this;
        }

        @Override
        public SocketChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
            super.setMessageSizeEstimator(estimator);
            return this;
        }

        @Override
        public SocketChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark writeBufferWaterMark) {
            super.setWriteBufferWaterMark(writeBufferWaterMark);
            return this;
        }
    }
}
