package nl.klantspiegel.application.account;

import nl.klantspiegel.application.port.in.AccountSummary;
import nl.klantspiegel.application.port.in.ApiTokensUseCase.ApiTokenSummary;
import nl.klantspiegel.application.port.in.ApiTokensUseCase.NewApiToken;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OperatorPreparation;
import nl.klantspiegel.application.port.in.OperatorPreparation.Status;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.SignInRefused;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.application.port.out.ApiTokens.ApiToken;
import nl.klantspiegel.application.testing.FakePasswordHashing;
import nl.klantspiegel.application.testing.InMemoryAccounts;
import nl.klantspiegel.application.testing.InMemoryApiTokens;
import nl.klantspiegel.application.testing.InMemoryMemberships;
import nl.klantspiegel.application.testing.InMemoryOperatorSetup;
import nl.klantspiegel.application.testing.InMemorySignInThrottles;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.MutableClock;
import nl.klantspiegel.application.testing.RecordingEventGateway;
import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.account.ApiTokenCreated;
import nl.klantspiegel.domain.account.ApiTokenRevoked;
import nl.klantspiegel.domain.account.EmailAddress;
import nl.klantspiegel.domain.account.PasswordPolicy.WeakPassword;
import nl.klantspiegel.domain.account.SignInFailed;
import nl.klantspiegel.domain.account.SignInThrottle;
import nl.klantspiegel.domain.account.SignedIn;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Accounts: signing in (one refusal whatever the reason, throttled per account and per client address, every
 * sign-in and failed sign-in of an existing account published), activation links, invitations, the operator's
 * bootstrap, the account's own summary, and personal API tokens (shown once, kept as their SHA-256 only).
 */
class AccountUseCasesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final String PASSWORD = "correct horse battery";
    private static final String ADDRESS = "192.0.2.10";
    private static final String ANN = "acc-ann";
    private static final String OPERATOR = "acc-operator";
    private static final String PENDING = "acc-pending";
    private static final String PENDING_TOKEN = "activation-token-of-pending-0001";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryApiTokens apiTokens = new InMemoryApiTokens();
    private final InMemoryOperatorSetup operatorSetup = new InMemoryOperatorSetup();
    private final InMemoryMemberships memberships = new InMemoryMemberships();
    private final InMemoryOrganisationViews organisations = new InMemoryOrganisationViews();
    private final FakePasswordHashing passwords = new FakePasswordHashing();
    private final RecordingEventGateway events = new RecordingEventGateway();
    private final InMemorySignInThrottles throttles = new InMemorySignInThrottles();
    private final SignInService signIns = new SignInService(accounts, passwords, throttles, events, clock);
    private final Enrolment enrolment = new Enrolment(accounts, passwords, events, clock);
    private final OperatorService operators = new OperatorService(accounts, operatorSetup, passwords, events, clock);
    private final MyAccountService myAccount = new MyAccountService(accounts, memberships, organisations);
    private final ApiTokenService tokens = new ApiTokenService(apiTokens, accounts, events, clock);

    @BeforeEach
    void someAccounts() {
        accounts.put(new Account(ANN, new EmailAddress("ann@acme.example"), false, "hash:" + PASSWORD, null, null,
                NOW.minusSeconds(3600), NOW.minusSeconds(3000)));
        accounts.put(new Account(OPERATOR, new EmailAddress("operator@klantspiegel.example"), true,
                "hash:operator password", null, null, NOW.minusSeconds(3600), NOW.minusSeconds(3600)));
        accounts.put(new Account(PENDING, new EmailAddress("pending@acme.example"), false, null,
                Secrets.hash(PENDING_TOKEN), NOW.plus(Duration.ofDays(3)), NOW.minusSeconds(3600), null));
    }

    // ----- signing in ---------------------------------------------------------------------------------

    @Test
    void the_right_password_signs_in_and_is_published() {
        assertThat(signIns.signIn(" Ann@ACME.example ", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));
        assertThat(events.published()).containsExactly(new SignedIn(ANN, NOW));
    }

    @Test
    void the_operator_signs_in_as_the_operator() {
        assertThat(signIns.signIn("operator@klantspiegel.example", "operator password", ADDRESS))
                .isEqualTo(new Caller(OPERATOR, true));
    }

    @Test
    void a_wrong_password_and_an_unknown_account_get_the_same_refusal() {
        SignInRefused wrongPassword = catchThrowableOfType(
                () -> signIns.signIn("ann@acme.example", "not the password", ADDRESS), SignInRefused.class);
        SignInRefused unknown = catchThrowableOfType(
                () -> signIns.signIn("nobody@acme.example", PASSWORD, ADDRESS), SignInRefused.class);

        assertThat(wrongPassword).hasMessage(unknown.getMessage());
        assertThat(wrongPassword.retryAfter()).isEmpty();
        assertThat(unknown.retryAfter()).isEmpty();
        assertThat(events.published()).as("a failure is published for the existing account only")
                .containsExactly(new SignInFailed(ANN, NOW));
    }

    @Test
    void an_unknown_account_is_checked_against_a_hash_too_so_it_takes_as_long() {
        assertThatThrownBy(() -> signIns.signIn("nobody@acme.example", PASSWORD, ADDRESS))
                .isInstanceOf(SignInRefused.class);
        assertThatThrownBy(() -> signIns.signIn("no address", null, ADDRESS)).isInstanceOf(SignInRefused.class);

        assertThat(passwords.checkedAgainst()).hasSize(2).doesNotContainNull();
        assertThat(passwords.checkedAgainst().get(0)).startsWith("hash:").isEqualTo(passwords.checkedAgainst().get(1));
        assertThat(passwords.hashed()).as("the stand-in hash is made once").isEqualTo(1);
    }

    @Test
    void no_address_or_no_password_is_refused_like_any_other_failure() {
        assertThatThrownBy(() -> signIns.signIn(null, PASSWORD, ADDRESS)).isInstanceOf(SignInRefused.class);
        assertThatThrownBy(() -> signIns.signIn("ann@acme.example", null, ADDRESS)).isInstanceOf(SignInRefused.class);
        assertThat(events.published()).containsExactly(new SignInFailed(ANN, NOW));
    }

    @Test
    void an_account_that_was_not_activated_cannot_sign_in() {
        assertThatThrownBy(() -> signIns.signIn("pending@acme.example", "", ADDRESS))
                .isInstanceOf(SignInRefused.class);
        assertThatThrownBy(() -> signIns.signIn("pending@acme.example", "null", ADDRESS))
                .isInstanceOf(SignInRefused.class);
        assertThat(events.published()).containsExactly(new SignInFailed(PENDING, NOW), new SignInFailed(PENDING, NOW));
    }

    @Test
    void after_five_failures_of_one_account_even_the_right_password_has_to_wait() {
        for (String spelling : List.of("ann@acme.example", "ANN@acme.example", " ann@acme.example", "Ann@Acme.Example",
                "ann@acme.example ")) {
            SignInRefused refused = catchThrowableOfType(() -> signIns.signIn(spelling, "wrong", ADDRESS),
                    SignInRefused.class);
            assertThat(refused.retryAfter()).isEmpty();
        }

        SignInRefused throttled = catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, ADDRESS),
                SignInRefused.class);
        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(events.published()).hasSize(6).containsOnly(new SignInFailed(ANN, NOW));

        clock.advance(Duration.ofMillis(400));
        assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, ADDRESS),
                SignInRefused.class).retryAfter()).contains(Duration.ofMillis(600));

        clock.advance(Duration.ofMillis(600));
        assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));
    }

    @Test
    void four_failures_do_not_hold_up_the_right_password() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS))
                    .isInstanceOf(SignInRefused.class);
        }

        assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));
    }

    @Test
    void a_throttled_account_holds_up_no_other_account() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> signIns.signIn("nobody@acme.example", "wrong", ADDRESS))
                    .isInstanceOf(SignInRefused.class);
        }

        assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));
    }

    @Test
    void a_success_clears_the_accounts_failures() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                SignInRefused refused = catchThrowableOfType(
                        () -> signIns.signIn("ann@acme.example", "wrong", ADDRESS), SignInRefused.class);
                assertThat(refused.retryAfter()).isEmpty();
            }
            assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));
        }
    }

    @Test
    void after_twenty_failures_from_one_address_every_account_has_to_wait_there() {
        for (int i = 1; i <= 20; i++) {
            String email = "guess" + i + "@acme.example";
            assertThatThrownBy(() -> signIns.signIn(email, "wrong", ADDRESS)).isInstanceOf(SignInRefused.class);
        }

        SignInRefused throttled = catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, ADDRESS),
                SignInRefused.class);
        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(events.published()).containsExactly(new SignInFailed(ANN, NOW));
        assertThat(signIns.signIn("ann@acme.example", PASSWORD, "198.51.100.7")).isEqualTo(new Caller(ANN, false));
    }

    @Test
    void nineteen_failures_from_one_address_do_not_hold_it_up() {
        for (int i = 1; i <= 19; i++) {
            String email = "guess" + i + "@acme.example";
            assertThatThrownBy(() -> signIns.signIn(email, "wrong", ADDRESS)).isInstanceOf(SignInRefused.class);
        }

        assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));
    }

    @Test
    void tries_at_the_same_moment_cannot_all_pass_the_throttle() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        SignInService slow = new SignInService(accounts,
                new nl.klantspiegel.application.port.out.PasswordHashing() {
                    @Override
                    public String hash(CharSequence password) {
                        return "hash:" + password;
                    }

                    @Override
                    public boolean matches(CharSequence password, String hash) {
                        checked.incrementAndGet();
                        try {
                            release.await(); // every check still running while the others arrive
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return false;
                    }
                }, throttles, events, clock);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<SignInRefused>> tries = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                tries.add(pool.submit(() -> catchThrowableOfType(
                        () -> slow.signIn("ann@acme.example", "guess", ADDRESS), SignInRefused.class)));
            }
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
            while (countDone(tries) < 7 && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(5);
            }
            assertThat(countDone(tries)).as("seven refused while five checks are still running").isEqualTo(7);
            assertThat(checked).hasValue(5);
            release.countDown();
            long throttled = 0;
            for (java.util.concurrent.Future<SignInRefused> attempt : tries) {
                if (attempt.get(10, java.util.concurrent.TimeUnit.SECONDS).retryAfter().isPresent()) {
                    throttled++;
                }
            }
            assertThat(throttled).isEqualTo(7);
            assertThat(checked).hasValue(5);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static long countDone(List<? extends java.util.concurrent.Future<?>> futures) {
        return futures.stream().filter(java.util.concurrent.Future::isDone).count();
    }

    @Test
    void a_success_does_not_count_against_the_address() {
        for (int i = 1; i <= 19; i++) {
            String email = "guess" + i + "@acme.example";
            assertThatThrownBy(() -> signIns.signIn(email, "wrong", ADDRESS)).isInstanceOf(SignInRefused.class);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));
        }

        assertThat(catchThrowableOfType(() -> signIns.signIn("guess20@acme.example", "wrong", ADDRESS),
                SignInRefused.class).retryAfter()).as("the twentieth failure, not yet held up").isEmpty();
        assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, ADDRESS),
                SignInRefused.class).retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void a_try_held_up_by_its_address_does_not_count_against_the_account() {
        for (int i = 1; i <= 20; i++) {
            String email = "guess" + i + "@acme.example";
            assertThatThrownBy(() -> signIns.signIn(email, "wrong", ADDRESS)).isInstanceOf(SignInRefused.class);
        }
        assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS),
                SignInRefused.class).retryAfter()).isPresent();

        String elsewhere = "198.51.100.7";
        for (int i = 0; i < 4; i++) {
            assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", "wrong", elsewhere),
                    SignInRefused.class).retryAfter()).isEmpty();
        }
        assertThat(signIns.signIn("ann@acme.example", PASSWORD, elsewhere)).isEqualTo(new Caller(ANN, false));
    }

    @Test
    void a_try_held_up_by_its_address_keeps_the_accounts_earlier_failures() {
        String elsewhere = "198.51.100.7";
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", elsewhere))
                    .isInstanceOf(SignInRefused.class);
        }
        for (int i = 1; i <= 20; i++) {
            String email = "guess" + i + "@acme.example";
            assertThatThrownBy(() -> signIns.signIn(email, "wrong", ADDRESS)).isInstanceOf(SignInRefused.class);
        }
        assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, ADDRESS),
                SignInRefused.class).retryAfter()).isPresent();

        assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", "wrong", elsewhere),
                SignInRefused.class).retryAfter()).as("the fifth failure").isEmpty();
        assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, elsewhere),
                SignInRefused.class).retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void a_failure_counted_on_another_node_at_the_same_moment_counts_too() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS))
                    .isInstanceOf(SignInRefused.class);
        }
        // another node counts a failure of ann's between this try's read and its write: the write is refused, and
        // the try is decided again on what the other node left
        throttles.beforeNextReplace(() -> assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong",
                "198.51.100.7")).isInstanceOf(SignInRefused.class));
        assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS))
                .isInstanceOf(SignInRefused.class);

        assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, ADDRESS),
                SignInRefused.class).retryAfter()).as("five failures, one of them elsewhere").isPresent();
    }

    @Test
    void a_success_clears_the_account_and_takes_its_try_back_from_the_address_even_when_others_changed_them() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS))
                    .isInstanceOf(SignInRefused.class);
        }
        String accountKey = "account:" + Secrets.hash("ann@acme.example");
        String addressKey = "address:" + Secrets.hash(ADDRESS);
        // a right password: replaces 1 and 2 count the try, 3 clears the account; just before it another node counts
        // a failure of ann's (replaces 4 and 5), so 3 is refused and 6 clears the account again; 7 takes the try back
        // from the address, and just before it another node counts a failure from there (8 and 9), so 10 does
        throttles.beforeReplaceNumber(3, () -> assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong",
                "198.51.100.7")).isInstanceOf(SignInRefused.class));
        throttles.beforeReplaceNumber(7, () -> assertThatThrownBy(() -> signIns.signIn("bob@acme.example",
                "wrong", ADDRESS)).isInstanceOf(SignInRefused.class));

        int before = throttles.replaceCalls();
        assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).isEqualTo(new Caller(ANN, false));

        assertThat(throttles.replaceCalls() - before).isEqualTo(10);
        assertThat(throttles.kept().get(accountKey).throttle().failures()).as("cleared after the other failure")
                .isZero();
        assertThat(throttles.kept().get(addressKey).throttle().failures())
                .as("3 failures and bob's from this address; ann's try taken back").isEqualTo(4);
    }

    @Test
    void a_key_fought_over_by_too_many_tries_at_once_is_refused_as_throttled() {
        throttles.beatEveryReplace();

        SignInRefused refused = catchThrowableOfType(() -> signIns.signIn("ann@acme.example", PASSWORD, ADDRESS),
                SignInRefused.class);

        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(throttles.replaceCalls()).isEqualTo(SignInService.THROTTLE_ATTEMPTS);
    }

    @Test
    void a_throttle_is_forgotten_half_an_hour_after_its_last_failure() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS))
                    .isInstanceOf(SignInRefused.class);
        }
        String accountKey = "account:" + Secrets.hash("ann@acme.example");
        assertThat(throttles.forgetAfter(accountKey)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(throttles.kept().get(accountKey).throttle().failures()).isEqualTo(5);

        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        for (int i = 0; i < 1; i++) {
            assertThat(catchThrowableOfType(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS),
                    SignInRefused.class).retryAfter()).as("the sixth failure, counted").isEmpty();
        }
        clock.advance(Duration.ofMinutes(30));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS))
                    .isInstanceOf(SignInRefused.class);
        }
        assertThat(signIns.signIn("ann@acme.example", PASSWORD, ADDRESS)).as("four failures since it was forgotten")
                .isEqualTo(new Caller(ANN, false));
        assertThat(throttles.kept().get(accountKey).throttle()).isEqualTo(SignInThrottle.none());
        assertThat(throttles.forgetAfter(accountKey)).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void the_shared_store_holds_no_address_in_clear() {
        assertThatThrownBy(() -> signIns.signIn("ann@acme.example", "wrong", ADDRESS))
                .isInstanceOf(SignInRefused.class);

        assertThat(throttles.kept().keySet()).containsExactlyInAnyOrder(
                "account:" + Secrets.hash("ann@acme.example"), "address:" + Secrets.hash(ADDRESS));
    }

    @Test
    void a_try_needs_the_address_it_came_from() {
        assertThatNullPointerException().isThrownBy(() -> signIns.signIn("ann@acme.example", PASSWORD, null));
    }

    // ----- activation ---------------------------------------------------------------------------------

    @Test
    void of_two_activations_with_one_link_at_the_same_moment_only_the_first_counts() {
        accounts.beforeNextActivation(() -> accounts.activate(PENDING, Secrets.hash(PENDING_TOKEN),
                "hash:the first password", NOW));

        assertThatThrownBy(() -> enrolment.activate(PENDING_TOKEN, "the second password"))
                .isInstanceOf(NotFound.class);

        assertThat(accounts.find(PENDING).orElseThrow().passwordHash()).isEqualTo("hash:the first password");
        assertThat(events.published()).isEmpty();
    }

    @Test
    void an_activation_link_sets_the_password_once() {
        clock.advance(Duration.ofHours(1));

        enrolment.activate(PENDING_TOKEN, "a brand new password");

        Account activated = accounts.find(PENDING).orElseThrow();
        assertThat(activated.passwordHash()).isEqualTo("hash:a brand new password");
        assertThat(activated.activatedAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(activated.activationTokenHash()).isNull();
        assertThat(activated.activationExpiresAt()).isNull();
        assertThat(events.published()).containsExactly(new AccountActivated(PENDING, NOW.plus(Duration.ofHours(1))));
        assertThat(signIns.signIn("pending@acme.example", "a brand new password", ADDRESS))
                .isEqualTo(new Caller(PENDING, false));

        assertThatThrownBy(() -> enrolment.activate(PENDING_TOKEN, "another new password"))
                .isInstanceOf(NotFound.class);
        assertThat(accounts.find(PENDING).orElseThrow().passwordHash()).isEqualTo("hash:a brand new password");
    }

    @Test
    void an_activation_link_works_until_it_expires() {
        Instant expiry = accounts.find(PENDING).orElseThrow().activationExpiresAt();
        clock.set(expiry);
        assertThatThrownBy(() -> enrolment.activate(PENDING_TOKEN, "a brand new password"))
                .isInstanceOf(NotFound.class);

        clock.set(expiry.minusNanos(1));
        enrolment.activate(PENDING_TOKEN, "a brand new password");
        assertThat(enrolment.isActive(PENDING)).isTrue();
    }

    @Test
    void an_unknown_or_malformed_activation_link_is_not_found() {
        for (String token : new String[]{"activation-token-nobody-has-0001", "short", PENDING_TOKEN + "=", null}) {
            assertThatThrownBy(() -> enrolment.activate(token, "a brand new password")).isInstanceOf(NotFound.class);
        }
        assertThat(enrolment.isActive(PENDING)).isFalse();
        assertThat(events.published()).isEmpty();
    }

    @Test
    void an_activation_link_without_an_expiry_is_not_found() {
        Account pending = accounts.find(PENDING).orElseThrow();
        accounts.put(pending.withActivation(pending.activationTokenHash(), null));

        assertThatThrownBy(() -> enrolment.activate(PENDING_TOKEN, "a brand new password"))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void a_weak_password_is_refused_and_changes_nothing() {
        Account before = accounts.find(PENDING).orElseThrow();

        assertThatThrownBy(() -> enrolment.activate(PENDING_TOKEN, "too short")).isInstanceOf(WeakPassword.class);

        assertThat(accounts.find(PENDING)).contains(before);
        assertThat(events.published()).isEmpty();
    }

    // ----- invitations --------------------------------------------------------------------------------

    @Test
    void inviting_a_new_address_makes_an_account_with_an_activation_link_for_seven_days() {
        Enrolment.Invited invited = enrolment.invite(" New.Person@Acme.example ");

        Account created = invited.account();
        assertThat(accounts.find(created.id())).contains(created);
        assertThat(created.email()).isEqualTo(new EmailAddress("new.person@acme.example"));
        assertThat(created.operator()).isFalse();
        assertThat(created.isActive()).isFalse();
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.activatedAt()).isNull();
        assertThat(created.activationTokenHash()).isEqualTo(Secrets.hash(invited.activationToken()));
        assertThat(created.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(invited.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(invited.activationToken()).hasSize(43).matches(Secrets::looksLikeToken);

        enrolment.activate(invited.activationToken(), "a brand new password");
        assertThat(enrolment.isActive(created.id())).isTrue();
    }

    @Test
    void inviting_an_account_not_activated_yet_gives_it_a_fresh_link_and_the_old_one_stops_working() {
        Enrolment.Invited invited = enrolment.invite("pending@acme.example");

        assertThat(invited.account().id()).isEqualTo(PENDING);
        assertThat(invited.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        Account stored = accounts.find(PENDING).orElseThrow();
        assertThat(stored.activationTokenHash()).isEqualTo(Secrets.hash(invited.activationToken()));
        assertThat(stored.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThatThrownBy(() -> enrolment.activate(PENDING_TOKEN, "a brand new password"))
                .isInstanceOf(NotFound.class);
        enrolment.activate(invited.activationToken(), "a brand new password");
        assertThat(accounts.creates()).isZero();
    }

    @Test
    void inviting_an_active_account_answers_as_for_a_new_one_and_keeps_its_password() {
        Account ann = accounts.find(ANN).orElseThrow();

        Enrolment.Invited invited = enrolment.invite("ann@acme.example");

        assertThat(invited.activationToken()).isNotNull();
        assertThat(invited.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(invited.account().passwordHash()).isEqualTo(ann.passwordHash());
        assertThat(accounts.find(ANN).orElseThrow().passwordHash()).isEqualTo(ann.passwordHash());
        assertThat(accounts.creates()).isZero();
    }

    @Test
    void enrolling_makes_an_account_without_a_link_and_finds_it_again() {
        Account enrolled = enrolment.enrol("New@Acme.example");

        assertThat(enrolled.isActive()).isFalse();
        assertThat(enrolled.activationTokenHash()).isNull();
        assertThat(enrolled.createdAt()).isEqualTo(NOW);
        assertThat(accounts.find(enrolled.id())).contains(enrolled);
        assertThat(enrolment.enrol("new@acme.example")).isEqualTo(enrolled);
        assertThat(enrolment.findByEmail(" NEW@acme.example")).contains(enrolled);
        assertThat(enrolment.findByEmail("nobody@acme.example")).isEmpty();
        assertThatThrownBy(() -> enrolment.findByEmail("no address")).isInstanceOf(InvalidRequest.class);
        assertThat(accounts.creates()).isEqualTo(1);
    }

    @Test
    void an_account_activated_a_moment_ago_gets_a_link_like_any_other_that_sets_no_password() {
        accounts.beforeNextNewActivation(() -> accounts.activate(PENDING, Secrets.hash(PENDING_TOKEN),
                "hash:just now", NOW));

        Enrolment.Invited invited = enrolment.issueActivation(PENDING);

        assertThat(invited.activationToken()).isNotNull();
        assertThat(invited.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(enrolment.isActive(PENDING)).as("not active until the link is used or its owner signs in")
                .isFalse();
        enrolment.activate(invited.activationToken(), "another password of twelve");
        assertThat(accounts.find(PENDING).orElseThrow().passwordHash()).isEqualTo("hash:just now");
        assertThat(accounts.find(PENDING).orElseThrow().activationTokenHash()).isNull();
        assertThat(enrolment.isActive(PENDING)).isTrue();
        assertThatThrownBy(() -> enrolment.activate(invited.activationToken(), "another password of twelve"))
                .as("used up").isInstanceOf(NotFound.class);
    }

    @Test
    void no_link_for_an_account_that_is_gone() {
        assertThatThrownBy(() -> enrolment.issueActivation("acc-gone")).isInstanceOf(NotFound.class);
        accounts.beforeNextNewActivation(() -> accounts.erase(PENDING));
        assertThatThrownBy(() -> enrolment.issueActivation(PENDING)).isInstanceOf(NotFound.class);
    }

    @Test
    void what_is_no_address_is_refused_and_shown_harmlessly() {
        assertThatThrownBy(() -> enrolment.invite("no address")).isInstanceOf(InvalidRequest.class)
                .hasMessage("'no address' is not an e-mail address.");
        assertThatThrownBy(() -> enrolment.invite(null)).isInstanceOf(InvalidRequest.class)
                .hasMessage("'null' is not an e-mail address.");
        assertThatThrownBy(() -> enrolment.invite("line\nbreak@acme.example")).isInstanceOf(InvalidRequest.class)
                .hasMessage("'line?break@acme.example' is not an e-mail address.");
        String sixty = "x".repeat(60);
        assertThatThrownBy(() -> enrolment.invite(sixty)).hasMessage("'" + sixty + "' is not an e-mail address.");
        assertThatThrownBy(() -> enrolment.invite(sixty + "y"))
                .hasMessage("'" + sixty + "…' is not an e-mail address.");
        assertThat(accounts.creates()).isZero();
    }

    @Test
    void an_account_made_at_the_same_moment_by_someone_else_is_taken_as_it_is() {
        accounts.beforeNextCreate(mine -> {
            accounts.put(new Account("acc-theirs", mine.email(), false, null, "their token hash",
                    NOW.plus(Duration.ofDays(7)), NOW, null));
            return true;
        });

        Enrolment.Invited invited = enrolment.invite("new@acme.example");

        assertThat(invited.account().id()).isEqualTo("acc-theirs");
        assertThat(accounts.findByEmail(new EmailAddress("new@acme.example")).orElseThrow().activationTokenHash())
                .isEqualTo(Secrets.hash(invited.activationToken()));
        assertThat(accounts.all()).filteredOn(account -> account.email().value().equals("new@acme.example"))
                .hasSize(1);
        assertThat(accounts.creates()).isEqualTo(1);
    }

    @Test
    void an_active_account_made_at_the_same_moment_gets_a_link_as_a_new_one_would() {
        accounts.beforeNextCreate(mine -> {
            accounts.put(new Account("acc-theirs", mine.email(), false, "hash:their password", null, null, NOW, NOW));
            return true;
        });

        Enrolment.Invited invited = enrolment.invite("new@acme.example");

        assertThat(invited.account().id()).isEqualTo("acc-theirs");
        assertThat(invited.activationToken()).isNotNull();
    }

    @Test
    void signing_in_uses_up_an_open_link_of_an_active_account() {
        Enrolment.Invited invited = enrolment.invite("ann@acme.example");
        assertThat(invited.activationToken()).isNotNull();
        assertThat(enrolment.isActive(ANN)).isFalse();

        signIns.signIn("ann@acme.example", PASSWORD, ADDRESS);

        assertThat(enrolment.isActive(ANN)).isTrue();
        assertThatThrownBy(() -> enrolment.activate(invited.activationToken(), "another password of twelve"))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void an_account_that_can_be_neither_found_nor_made_is_given_up_after_three_tries() {
        for (int i = 0; i < 4; i++) {
            accounts.beforeNextCreate(mine -> false);
        }

        assertThatThrownBy(() -> enrolment.invite("new@acme.example")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("new@acme.example");
        assertThat(accounts.creates()).isEqualTo(3);
    }

    // ----- the operator -------------------------------------------------------------------------------

    @Test
    void with_an_operator_there_is_nothing_to_prepare() {
        operatorSetup.create("an old setup hash");

        assertThat(operators.prepareOperator("someone@klantspiegel.example", "a long enough password"))
                .isEqualTo(new OperatorPreparation(Status.OPERATOR_EXISTS, Optional.empty()));

        assertThat(operatorSetup.tokenHash()).isEmpty();
        assertThat(accounts.creates()).isZero();
    }

    @Test
    void a_configured_operator_is_made_at_the_start() {
        accounts.erase(OPERATOR);
        operatorSetup.create("an old setup hash");

        assertThat(operators.prepareOperator(" Boss@Klantspiegel.example ", "the operator's password"))
                .isEqualTo(new OperatorPreparation(Status.OPERATOR_CREATED, Optional.empty()));

        Account operator = accounts.findByEmail(new EmailAddress("boss@klantspiegel.example")).orElseThrow();
        assertThat(operator.operator()).isTrue();
        assertThat(operator.passwordHash()).isEqualTo("hash:the operator's password");
        assertThat(operator.createdAt()).isEqualTo(NOW);
        assertThat(operator.activatedAt()).isEqualTo(NOW);
        assertThat(operator.activationTokenHash()).isNull();
        assertThat(events.published()).containsExactly(new AccountActivated(operator.id(), NOW));
        assertThat(operatorSetup.tokenHash()).isEmpty();
        assertThat(signIns.signIn("boss@klantspiegel.example", "the operator's password", ADDRESS))
                .isEqualTo(new Caller(operator.id(), true));
    }

    @Test
    void a_configured_operator_needs_a_strong_password_and_an_address_of_its_own() {
        accounts.erase(OPERATOR);

        assertThatThrownBy(() -> operators.prepareOperator("boss@klantspiegel.example", "short"))
                .isInstanceOf(WeakPassword.class);
        assertThatThrownBy(() -> operators.prepareOperator("no address", "the operator's password"))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> operators.prepareOperator("ann@acme.example", "the operator's password"))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("ann@acme.example");

        assertThat(accounts.anyOperator()).isFalse();
        assertThat(events.published()).isEmpty();
    }

    @Test
    void without_a_configured_operator_a_setup_link_is_made_and_only_its_hash_kept() {
        accounts.erase(OPERATOR);

        for (String none : new String[]{null, "", "   "}) {
            operatorSetup.clear();
            OperatorPreparation prepared = operators.prepareOperator(none, null);

            assertThat(prepared.status()).isEqualTo(Status.SETUP_LINK_MADE);
            assertThat(prepared.setupToken()).hasValueSatisfying(value -> {
                assertThat(value).hasSize(43).matches(Secrets::looksLikeToken);
                assertThat(operatorSetup.tokenHash()).contains(Secrets.hash(value));
            });
        }
        assertThat(accounts.creates()).isZero();
    }

    @Test
    void a_start_that_finds_a_setup_link_leaves_it_as_it_is() {
        accounts.erase(OPERATOR);
        String first = operators.prepareOperator(null, null).setupToken().orElseThrow();

        // another node starting at the same moment, or a later start
        assertThat(operators.prepareOperator(null, null))
                .isEqualTo(new OperatorPreparation(Status.SETUP_LINK_EXISTS, Optional.empty()));

        assertThat(operatorSetup.tokenHash()).contains(Secrets.hash(first));
        assertThat(operators.setUpOperator(first, "boss@klantspiegel.example", "the operator's password").operator())
                .isTrue();
    }

    @Test
    void nodes_that_start_together_with_the_same_configured_operator_make_it_once() {
        accounts.erase(OPERATOR);
        // another node, started with the same configuration, makes the operator just before this one does
        accounts.beforeNextCreate(account -> {
            accounts.put(new Account("acc-other-node", account.email(), true, "hash:the operator's password", null,
                    null, NOW, NOW));
            return true;
        });

        assertThat(operators.prepareOperator("boss@klantspiegel.example", "the operator's password"))
                .isEqualTo(new OperatorPreparation(Status.OPERATOR_EXISTS, Optional.empty()));

        assertThat(accounts.all()).filteredOn(Account::operator).extracting(Account::id)
                .containsExactly("acc-other-node");
        assertThat(events.published()).isEmpty();
    }

    @Test
    void the_setup_link_makes_the_operator_once() {
        accounts.erase(OPERATOR);
        String token = operators.prepareOperator(null, null).setupToken().orElseThrow();

        Caller operator = operators.setUpOperator(token, "boss@klantspiegel.example", "the operator's password");

        assertThat(operator.operator()).isTrue();
        Account stored = accounts.find(operator.accountId()).orElseThrow();
        assertThat(stored.operator()).isTrue();
        assertThat(stored.email()).isEqualTo(new EmailAddress("boss@klantspiegel.example"));
        assertThat(stored.passwordHash()).isEqualTo("hash:the operator's password");
        assertThat(events.published()).containsExactly(new AccountActivated(operator.accountId(), NOW));
        assertThat(operatorSetup.tokenHash()).isEmpty();

        assertThatThrownBy(() -> operators.setUpOperator(token, "other@klantspiegel.example", "another password!"))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void a_wrong_or_malformed_setup_link_is_not_found() {
        accounts.erase(OPERATOR);
        String token = operators.prepareOperator(null, null).setupToken().orElseThrow();

        for (String wrong : new String[]{"setup-token-that-is-not-it-0001", "short", token + "=", null}) {
            assertThatThrownBy(() -> operators.setUpOperator(wrong, "boss@klantspiegel.example",
                    "the operator's password")).isInstanceOf(NotFound.class);
        }
        assertThat(accounts.anyOperator()).isFalse();
        assertThat(operatorSetup.tokenHash()).contains(Secrets.hash(token));
    }

    @Test
    void a_setup_link_is_of_no_use_once_there_is_an_operator() {
        accounts.erase(OPERATOR);
        String token = operators.prepareOperator(null, null).setupToken().orElseThrow();
        operators.prepareOperator("boss@klantspiegel.example", "the operator's password");
        operatorSetup.create(Secrets.hash(token));

        assertThatThrownBy(() -> operators.setUpOperator(token, "other@klantspiegel.example", "another password!"))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void without_a_setup_link_there_is_nothing_to_open() {
        assertThatThrownBy(() -> operators.setUpOperator("setup-token-that-is-not-it-0001",
                "boss@klantspiegel.example", "the operator's password")).isInstanceOf(NotFound.class);
    }

    @Test
    void of_two_setups_with_one_link_at_the_same_moment_only_the_first_counts() {
        accounts.erase(OPERATOR);
        String token = operators.prepareOperator(null, null).setupToken().orElseThrow();
        operatorSetup.beforeNextConsume(() -> operatorSetup.consume(Secrets.hash(token)));

        assertThatThrownBy(() -> operators.setUpOperator(token, "boss@klantspiegel.example", "the operator's password"))
                .isInstanceOf(NotFound.class);

        assertThat(accounts.anyOperator()).isFalse();
        assertThat(accounts.findByEmail(new EmailAddress("boss@klantspiegel.example"))).isEmpty();
        assertThat(events.published()).isEmpty();
    }

    @Test
    void an_address_that_has_an_account_leaves_the_setup_link_for_another_try() {
        accounts.erase(OPERATOR);
        String token = operators.prepareOperator(null, null).setupToken().orElseThrow();

        assertThatThrownBy(() -> operators.setUpOperator(token, "ann@acme.example", "the operator's password"))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("ann@acme.example");
        assertThatThrownBy(() -> operators.setUpOperator(token, "no address", "the operator's password"))
                .isInstanceOf(InvalidRequest.class);

        assertThat(operatorSetup.tokenHash()).contains(Secrets.hash(token));
        assertThat(operators.setUpOperator(token, "boss@klantspiegel.example", "the operator's password").operator())
                .isTrue();
        assertThat(operatorSetup.tokenHash()).isEmpty();
    }

    @Test
    void a_weak_password_leaves_the_setup_link_for_another_try() {
        accounts.erase(OPERATOR);
        String token = operators.prepareOperator(null, null).setupToken().orElseThrow();

        assertThatThrownBy(() -> operators.setUpOperator(token, "boss@klantspiegel.example", "short"))
                .isInstanceOf(WeakPassword.class);

        assertThat(operatorSetup.tokenHash()).contains(Secrets.hash(token));
        assertThat(operators.setUpOperator(token, "boss@klantspiegel.example", "the operator's password").operator())
                .isTrue();
    }

    // ----- the account itself -------------------------------------------------------------------------

    @Test
    void an_account_sees_its_organisations_by_name_with_its_role_teams_and_what_the_domain_lets_it_do() {
        organisation("org-z", "Zeta");
        organisation("org-a", "Alpha");
        List.of(new Membership("org-z", ANN, Role.TEAM_LEAD, Set.of("t-3", "t-1", "t-2")),
                new Membership("org-a", ANN, Role.ADMIN, Set.of()),
                new Membership("org-gone", ANN, Role.ANALYST, Set.of())).forEach(membership -> memberships.record(ANN,
                membership.organisationId(), java.util.Optional.of(membership), 1));

        AccountSummary me = myAccount.me(new Caller(ANN, false));

        assertThat(me).isEqualTo(new AccountSummary(ANN, "ann@acme.example", false, List.of(
                new AccountSummary.Organisation("org-gone", "", Role.ANALYST, List.of(),
                        new AccountSummary.Permissions(false, true, true, false)),
                new AccountSummary.Organisation("org-a", "Alpha", Role.ADMIN, List.of(),
                        new AccountSummary.Permissions(true, true, true, true)),
                new AccountSummary.Organisation("org-z", "Zeta", Role.TEAM_LEAD, List.of("t-1", "t-2", "t-3"),
                        new AccountSummary.Permissions(false, false, false, false)))));
        assertThat(myAccount.me(new Caller(OPERATOR, true)))
                .isEqualTo(new AccountSummary(OPERATOR, "operator@klantspiegel.example", true, List.of()));
    }

    @Test
    void an_account_that_is_gone_is_not_found() {
        assertThatThrownBy(() -> myAccount.me(new Caller("acc-erased", false))).isInstanceOf(NotFound.class);
    }

    @Test
    void whether_an_account_is_active_and_its_address_as_it_is_now() {
        assertThat(enrolment.isActive(ANN)).isTrue();
        assertThat(enrolment.isActive(PENDING)).isFalse();
        assertThat(enrolment.isActive("acc-erased")).isFalse();
        assertThat(enrolment.emailOf(ANN)).contains("ann@acme.example");
        assertThat(enrolment.emailOf("acc-erased")).isEmpty();
    }

    // ----- API tokens ---------------------------------------------------------------------------------

    @Test
    void a_new_token_is_shown_once_and_kept_only_as_its_hash() {
        NewApiToken created = tokens.create(new Caller(ANN, false), null);

        assertThat(created.token()).hasSize(43).matches(Secrets::looksLikeToken);
        assertThat(created.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        ApiToken stored = apiTokens.find(created.id()).orElseThrow();
        assertThat(stored).isEqualTo(new ApiToken(created.id(), Secrets.hash(created.token()), ANN, NOW,
                NOW.plus(Duration.ofDays(90)), null));
        assertThat(stored.toString()).doesNotContain(created.token());
        assertThat(events.published()).containsExactly(new ApiTokenCreated(ANN, created.id(),
                NOW.plus(Duration.ofDays(90)), NOW));
    }

    @Test
    void a_token_is_valid_as_long_as_asked_within_a_year() {
        assertThat(tokens.create(new Caller(ANN, false), Duration.ofDays(30)).expiresAt())
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(tokens.create(new Caller(ANN, false), Duration.ofDays(365)).expiresAt())
                .isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void a_validity_out_of_range_is_refused_and_nothing_is_made() {
        for (Duration wrong : List.of(Duration.ZERO, Duration.ofDays(-1), Duration.ofDays(366))) {
            assertThatThrownBy(() -> tokens.create(new Caller(ANN, false), wrong))
                    .isInstanceOf(InvalidRequest.class).hasMessageContaining("365 days");
        }
        assertThat(apiTokens.all()).isEmpty();
        assertThat(events.published()).isEmpty();
    }

    @Test
    void a_valid_token_authenticates_its_account() {
        String ann = tokens.create(new Caller(ANN, false), null).token();
        String operator = tokens.create(new Caller(OPERATOR, true), null).token();

        assertThat(tokens.authenticate(ann)).contains(new Caller(ANN, false));
        assertThat(tokens.authenticate(operator)).contains(new Caller(OPERATOR, true));
    }

    @Test
    void a_token_works_until_it_expires() {
        NewApiToken created = tokens.create(new Caller(ANN, false), Duration.ofDays(1));

        clock.set(created.expiresAt().minusNanos(1));
        assertThat(tokens.authenticate(created.token())).isPresent();
        clock.set(created.expiresAt());
        assertThat(tokens.authenticate(created.token())).isEmpty();
    }

    @Test
    void an_unknown_or_malformed_token_authenticates_nobody() {
        String token = tokens.create(new Caller(ANN, false), null).token();

        assertThat(tokens.authenticate("api-token-that-nobody-has-00001")).isEmpty();
        assertThat(tokens.authenticate(token + "=")).isEmpty();
        assertThat(tokens.authenticate("short")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void a_token_of_an_account_that_is_not_active_or_gone_authenticates_nobody() {
        String pending = tokens.create(new Caller(PENDING, false), null).token();
        String ann = tokens.create(new Caller(ANN, false), null).token();
        accounts.erase(ANN);

        assertThat(tokens.authenticate(pending)).isEmpty();
        assertThat(tokens.authenticate(ann)).isEmpty();
    }

    @Test
    void the_tokens_are_listed_newest_first_without_the_tokens_themselves() {
        NewApiToken first = tokens.create(new Caller(ANN, false), null);
        clock.advance(Duration.ofMinutes(1));
        NewApiToken second = tokens.create(new Caller(ANN, false), Duration.ofDays(10));
        tokens.create(new Caller(OPERATOR, true), null);
        clock.advance(Duration.ofMinutes(1));
        tokens.revoke(new Caller(ANN, false), first.id());

        assertThat(tokens.list(new Caller(ANN, false))).containsExactly(
                new ApiTokenSummary(second.id(), NOW.plusSeconds(60), NOW.plusSeconds(60).plus(Duration.ofDays(10)),
                        null),
                new ApiTokenSummary(first.id(), NOW, NOW.plus(Duration.ofDays(90)), NOW.plusSeconds(120)));
    }

    @Test
    void a_revoked_token_stops_working_and_revoking_it_again_changes_nothing() {
        NewApiToken created = tokens.create(new Caller(ANN, false), null);
        clock.advance(Duration.ofMinutes(5));

        tokens.revoke(new Caller(ANN, false), created.id());

        assertThat(tokens.authenticate(created.token())).isEmpty();
        assertThat(apiTokens.find(created.id()).orElseThrow().revokedAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(events.published()).endsWith(new ApiTokenRevoked(ANN, created.id(), NOW.plusSeconds(300)));

        clock.advance(Duration.ofMinutes(5));
        tokens.revoke(new Caller(ANN, false), created.id());

        assertThat(apiTokens.find(created.id()).orElseThrow().revokedAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(events.published()).hasSize(2);
    }

    @Test
    void someone_elses_token_is_not_found() {
        NewApiToken anns = tokens.create(new Caller(ANN, false), null);

        assertThatThrownBy(() -> tokens.revoke(new Caller(OPERATOR, true), anns.id()))
                .isInstanceOf(NotFound.class).hasMessageContaining(anns.id());
        assertThatThrownBy(() -> tokens.revoke(new Caller(ANN, false), "no-such-token"))
                .isInstanceOf(NotFound.class);
        assertThat(tokens.authenticate(anns.token())).isPresent();
    }

    // ----- construction -------------------------------------------------------------------------------

    @Test
    void every_collaborator_is_required() {
        assertThatNullPointerException().isThrownBy(() -> new SignInService(null, passwords, throttles, events,
                clock)).withMessage("accounts");
        assertThatNullPointerException().isThrownBy(() -> new SignInService(accounts, null, throttles, events,
                clock)).withMessage("passwords");
        assertThatNullPointerException().isThrownBy(() -> new SignInService(accounts, passwords, null, events,
                clock)).withMessage("throttles");
        assertThatNullPointerException().isThrownBy(() -> new SignInService(accounts, passwords, throttles, null,
                clock)).withMessage("events");
        assertThatNullPointerException().isThrownBy(() -> new SignInService(accounts, passwords, throttles, events,
                null)).withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> new Enrolment(null, passwords, events, clock))
                .withMessage("accounts");
        assertThatNullPointerException().isThrownBy(() -> new Enrolment(accounts, null, events, clock))
                .withMessage("passwords");
        assertThatNullPointerException().isThrownBy(() -> new Enrolment(accounts, passwords, null, clock))
                .withMessage("events");
        assertThatNullPointerException().isThrownBy(() -> new Enrolment(accounts, passwords, events, null))
                .withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> new OperatorService(null, operatorSetup, passwords, events,
                clock)).withMessage("accounts");
        assertThatNullPointerException().isThrownBy(() -> new OperatorService(accounts, null, passwords, events,
                clock)).withMessage("operatorSetup");
        assertThatNullPointerException().isThrownBy(() -> new OperatorService(accounts, operatorSetup, null, events,
                clock)).withMessage("passwords");
        assertThatNullPointerException().isThrownBy(() -> new OperatorService(accounts, operatorSetup, passwords, null,
                clock)).withMessage("events");
        assertThatNullPointerException().isThrownBy(() -> new OperatorService(accounts, operatorSetup, passwords,
                events, null)).withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> new MyAccountService(null, memberships, organisations))
                .withMessage("accounts");
        assertThatNullPointerException().isThrownBy(() -> new MyAccountService(accounts, null, organisations))
                .withMessage("memberships");
        assertThatNullPointerException().isThrownBy(() -> new MyAccountService(accounts, memberships, null))
                .withMessage("organisations");
        assertThatNullPointerException().isThrownBy(() -> new ApiTokenService(null, accounts, events, clock))
                .withMessage("apiTokens");
        assertThatNullPointerException().isThrownBy(() -> new ApiTokenService(apiTokens, null, events, clock))
                .withMessage("accounts");
        assertThatNullPointerException().isThrownBy(() -> new ApiTokenService(apiTokens, accounts, null, clock))
                .withMessage("events");
        assertThatNullPointerException().isThrownBy(() -> new ApiTokenService(apiTokens, accounts, events, null))
                .withMessage("clock");
    }

    private void organisation(String id, String name) {
        organisations.save(OrganisationView.of(Organisation.registeredWith(
                new OrganisationRegistered(id, name, 5, Actor.operator(OPERATOR), NOW))));
    }
}
