package nl.klantspiegel.domain.report;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Descriptive statistics of integer scores and the 95 % confidence intervals built on Student's t distribution.
 * JDK only: the t quantile is found by bisection on the t distribution's tail, written with the regularized
 * incomplete beta function, and for large df taken from its expansion in 1 / df.
 */
public final class Statistics {

    /** The 97.5 % quantile of the standard normal distribution: the limit of the t quantile for infinite df. */
    private static final double NORMAL_QUANTILE_975 = 1.959963984540054;
    private static final double UPPER_TAIL = 0.025;
    /** From this many degrees of freedom on, the quantile comes from its expansion in 1 / df. */
    private static final double LARGE_DF = 1e4;
    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Stirling's series is used from this argument on; below it, the argument is first raised to it. */
    private static final double STIRLING_FROM = 15;
    private static final int MAX_FRACTION_TERMS = 1_000;
    private static final double FRACTION_EPSILON = 1e-15;
    private static final double TINY = 1e-300;

    private Statistics() {
    }

    /** Arithmetic mean; {@link IllegalArgumentException} when {@code values} is empty. */
    public static double mean(int[] values) {
        requireAtLeast(1, values);
        long sum = 0;
        for (int value : values) {
            sum += value;
        }
        return (double) sum / values.length;
    }

    /** Sample variance ({@code n - 1} in the denominator); {@link IllegalArgumentException} when fewer than 2 values. */
    public static double sampleVariance(int[] values) {
        requireAtLeast(2, values);
        double mean = mean(values);
        double sumOfSquares = 0;
        for (int value : values) {
            double deviation = value - mean;
            sumOfSquares += deviation * deviation;
        }
        return sumOfSquares / (values.length - 1);
    }

    /**
     * The two-sided 95 % quantile of Student's t distribution, i.e. the t with P(T &lt;= t) = 0.975, for
     * {@code df} &gt; 0 degrees of freedom (fractional df allowed, as Welch's test needs; infinite df gives the
     * normal quantile, df below about 0.0045 gives +∞ as the quantile exceeds the range of double);
     * {@link IllegalArgumentException} for {@code df} &lt;= 0 or NaN.
     */
    public static double tQuantile975(double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be positive: " + df);
        }
        if (df >= LARGE_DF) {
            return cornishFisher975(df);
        }
        // t quantiles lie above the normal one; doubling from there finds an upper bound for the bisection
        double low = NORMAL_QUANTILE_975;
        double high = low;
        while (upperTail(high, df) > UPPER_TAIL) {
            low = high;
            high *= 2;
        }
        double middle = (low + high) / 2;
        while (middle > low && middle < high) {
            if (upperTail(middle, df) > UPPER_TAIL) {
                low = middle;
            } else {
                high = middle;
            }
            middle = (low + high) / 2;
        }
        return middle;
    }

    /**
     * 95 % confidence interval of the mean: mean ± t(0.975, n - 1) · s / √n. Empty when there are fewer than 2
     * values.
     */
    public static Optional<Interval> meanConfidenceInterval(int[] values) {
        if (values.length < 2) {
            return Optional.empty();
        }
        double mean = mean(values);
        double halfWidth = tQuantile975(values.length - 1.0) * Math.sqrt(sampleVariance(values) / values.length);
        return Optional.of(new Interval(mean - halfWidth, mean + halfWidth));
    }

    /**
     * Welch's 95 % confidence interval of mean(first) - mean(second), with the Welch–Satterthwaite degrees of
     * freedom. Empty when either sample has fewer than 2 values. When both variances are 0, the interval is
     * [d, d] and the degrees of freedom are n1 + n2 - 2.
     */
    public static Optional<Difference> differenceOfMeans(int[] first, int[] second) {
        if (first.length < 2 || second.length < 2) {
            return Optional.empty();
        }
        double estimate = mean(first) - mean(second);
        double firstShare = sampleVariance(first) / first.length;
        double secondShare = sampleVariance(second) / second.length;
        double variance = firstShare + secondShare;
        if (variance == 0) {
            return Optional.of(new Difference(
                    estimate, new Interval(estimate, estimate), first.length + second.length - 2.0));
        }
        double df = variance * variance / (firstShare * firstShare / (first.length - 1)
                + secondShare * secondShare / (second.length - 1));
        double halfWidth = tQuantile975(df) * Math.sqrt(variance);
        return Optional.of(new Difference(
                estimate, new Interval(estimate - halfWidth, estimate + halfWidth), df));
    }

    /** A closed interval [low, high] of finite numbers. */
    public record Interval(double low, double high) {

        /** {@link IllegalArgumentException} unless both ends are finite and {@code low <= high}. */
        public Interval {
            if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("not an interval: [" + low + ", " + high + "]");
            }
        }

        /** Whether {@code value} lies in the interval, both ends included. */
        public boolean contains(double value) {
            return low <= value && value <= high;
        }

        /** Whether 0 lies outside the interval. */
        public boolean excludesZero() {
            return !contains(0);
        }
    }

    /**
     * A difference of two means: its point estimate, its 95 % confidence interval and the (Welch–Satterthwaite)
     * degrees of freedom the interval was built with.
     */
    public record Difference(double estimate, Interval ci95, double degreesOfFreedom) {

        /** {@link NullPointerException} when {@code ci95} is null. */
        public Difference {
            Objects.requireNonNull(ci95, "ci95");
        }

        /** Whether the difference is significant at the 5 % level: its confidence interval excludes 0. */
        public boolean significant() {
            return ci95.excludesZero();
        }
    }

    private static void requireAtLeast(int count, int[] values) {
        if (values.length < count) {
            throw new IllegalArgumentException(
                    "needs at least " + count + (count == 1 ? " value" : " values") + ", got " + values.length);
        }
    }

    /**
     * The Cornish–Fisher expansion of the quantile in powers of 1 / df (Abramowitz &amp; Stegun 26.7.5), to the
     * second power; from {@link #LARGE_DF} on, the next term is below 3e-12.
     */
    private static double cornishFisher975(double df) {
        double z = NORMAL_QUANTILE_975;
        double z2 = z * z;
        double g1 = z * (z2 + 1) / 4;
        double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
        return z + (g1 + g2 / df) / df;
    }

    /**
     * P(T &gt; t) for t &gt;= √3: half of I_x(df/2, 1/2) with x = df / (df + t²), whose log-odds ln((1 - x) / x)
     * is ln(t² / df). As t² &gt; 3 df / (df + 2), x stays below (a + 1) / (a + b + 2), where the continued fraction
     * of I_x(a, b) converges fast.
     */
    private static double upperTail(double t, double df) {
        return regularizedBeta(2 * Math.log(t) - Math.log(df), df / 2, 0.5) / 2;
    }

    /**
     * The regularized incomplete beta function I_x(a, b) at the x with log-odds ln((1 - x) / x) = {@code logOdds},
     * which keeps ln x and ln(1 - x) accurate and finite at both ends: x^a (1 - x)^b / (a B(a, b)) divided by the
     * continued fraction 1 + d1 / (1 + d2 / (1 + ...)), evaluated front to back with the modified Lentz method.
     */
    private static double regularizedBeta(double logOdds, double a, double b) {
        double x = 1 / (1 + Math.exp(logOdds));
        double c = 1;
        double d = 0;
        double fraction = 1;
        for (int step = 1; step <= MAX_FRACTION_TERMS; step++) {
            int m = step / 2;
            double coefficient = step % 2 == 1
                    ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                    : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + coefficient * d;
            d = 1 / (Math.abs(d) < TINY ? TINY : d);
            c = 1 + coefficient / c;
            c = Math.abs(c) < TINY ? TINY : c;
            double factor = c * d;
            fraction *= factor;
            if (Math.abs(factor - 1) < FRACTION_EPSILON) {
                // ln x = -ln(1 + e^logOdds) and ln(1 - x) = -ln(1 + e^-logOdds)
                double lnFront = -a * softplus(logOdds) - b * softplus(-logOdds) - lnBeta(a, b);
                return Math.exp(lnFront) / (a * fraction);
            }
        }
        throw new ArithmeticException("incomplete beta fraction does not converge for a = " + a + ", b = " + b);
    }

    /** ln(1 + e^y), without overflow. */
    private static double softplus(double y) {
        return Math.max(y, 0) + Math.log1p(Math.exp(-Math.abs(y)));
    }

    /** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). */
    private static double lnBeta(double a, double b) {
        return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
    }

    /** ln Γ(x) for x &gt; 0: Stirling's series, after raising small arguments with Γ(x + 1) = x Γ(x). */
    private static double lnGamma(double x) {
        double shifted = x;
        double product = 1;
        while (shifted < STIRLING_FROM) {
            product *= shifted;
            shifted++;
        }
        return (shifted - 0.5) * Math.log(shifted) - shifted + LN_SQRT_2PI + stirlingCorrection(shifted)
                - Math.log(product);
    }

    /** ln Γ(x) - ((x - 1/2) ln x - x + ln √(2π)) for x &gt;= {@link #STIRLING_FROM}, from the first terms of Stirling's series. */
    private static double stirlingCorrection(double x) {
        double inverse = 1 / x;
        double inverseSquared = inverse * inverse;
        return inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared * (1.0 / 1260
                - inverseSquared / 1680)));
    }
}
