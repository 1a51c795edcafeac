package nl.klantspiegel.application.port.in;

/** The signed-in account as it sees itself. */
public interface MyAccountUseCase {

    /** The caller's own account: its address, whether it is the operator, its organisations and what it may do there. */
    AccountSummary me(Caller caller);
}
