package nl.klantspiegel.adapter.web.protection;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One rate limit per client address: a token bucket (Bucket4j) of {@code capacity} requests, refilled evenly to
 * that number over each {@code period}. A whole office behind one address can make {@code capacity} requests at
 * once; one client cannot make more than about {@code capacity} per period in the long run.
 *
 * <p>The buckets are kept where every node of the installation takes from them ({@code buckets}, Bucket4j's proxy
 * manager over the shared database): behind a load balancer a client gets the limit once, not once per node. A
 * bucket is forgotten once it would be full again.
 *
 * <p>Addresses are grouped as a network assigns them: an IPv4 address on its own, an IPv6 address by its /64
 * prefix (one household or office gets a whole /64, and could otherwise step around the limit).
 */
public final class RateLimits {

    private final String name;
    private final long capacity;
    private final Duration period;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;

    /** @param buckets where the buckets are kept, shared by every node */
    public RateLimits(String name, long capacity, Duration period, ProxyManager<String> buckets) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("rate limit " + name + ": capacity and period must be positive");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.capacity = capacity;
        this.period = period;
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }

    /**
     * Takes one request from the client's bucket.
     *
     * @return empty when allowed; otherwise how many seconds (at least 1) until the next request is allowed
     */
    public OptionalLong tryTake(String clientAddress) {
        ConsumptionProbe probe = buckets.builder()
                .build(name + ":" + clientKey(clientAddress), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1));
    }

    public String name() {
        return name;
    }

    public long capacity() {
        return capacity;
    }

    public Duration period() {
        return period;
    }

    /** An IPv4 address as it is; an IPv6 address by its /64 network. */
    static String clientKey(String address) {
        if (address == null || !(address.contains(":") || address.matches("[0-9.]+"))) {
            return String.valueOf(address); // not an address literal (and never looked up)
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no name lookup
            if (bytes.length == 16) {
                byte[] network = Arrays.copyOf(bytes, 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException notALiteral) {
            return address;
        }
    }
}
