package nl.klantspiegel.application.port.in;

/**
 * The product keeps the rounds' schedules: a round opened for a later moment begins then, and a round closes at its
 * closing time, both put on record (the audit trail shows them) by the product. Every node may call this as often as
 * it likes: what is due is decided by each organisation on its own events, so recording twice is impossible.
 */
public interface RoundSchedulesUseCase {

    /** @return how many organisations had something due and recorded it now, and those that failed (tried again) */
    Kept keepSchedules();

    /** @param failures per organisation that failed, why: it is tried again the next time */
    record Kept(int recorded, java.util.Map<String, String> failures) {
        public Kept {
            failures = java.util.Map.copyOf(failures);
        }
    }
}
