package nl.klantspiegel.domain.report;

/** Why a group's figures are not shown. */
public enum SuppressionReason {
    /** Fewer completed assessments than the organisation's minimum group size. */
    BELOW_MINIMUM,
    /**
     * Enough assessments, but together with figures that are shown it would let a smaller group's figures be worked
     * out by subtraction.
     */
    COMPLEMENTARY
}
