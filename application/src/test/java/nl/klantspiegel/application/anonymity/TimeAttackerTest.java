package nl.klantspiegel.application.anonymity;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The attacker finds what can be worked out, and proves what cannot: checked on observations made by hand. */
class TimeAttackerTest {

    @Test
    void two_figures_a_moment_apart_give_away_the_one_who_finished_in_between() {
        TimeAttacker attacker = new TimeAttacker();
        attacker.saw("live", "before", Set.of("a", "b", "c", "d", "e"));
        attacker.saw("live", "after", Set.of("a", "b", "c", "d", "e", "f"));

        assertThat(attacker.leaks(5)).singleElement().asString().contains("[f]");
        assertThat(attacker.leaks(5, Set.of("other"))).isEmpty();
    }

    @Test
    void what_only_a_combination_of_three_figures_gives_away_is_found_too() {
        TimeAttacker attacker = new TimeAttacker();
        // x = {a}, y = {b..f}, z = {g..k}: x+y, y+z and x+z are shown; (x+y) + (x+z) - (y+z) = 2x
        attacker.saw("reports", "x and y", Set.of("a", "b", "c", "d", "e", "f"));
        attacker.saw("reports", "y and z", Set.of("b", "c", "d", "e", "f", "g", "h", "i", "j", "k"));
        attacker.saw("reports", "x and z", Set.of("a", "g", "h", "i", "j", "k"));

        assertThat(attacker.leaks(5)).singleElement().asString().contains("[a]");
        assertThat(attacker.respondentsSeen()).isEqualTo(11);
    }

    @Test
    void figures_of_whole_batches_give_away_nothing_however_they_are_combined() {
        TimeAttacker attacker = new TimeAttacker();
        Set<String> first = Set.of("a", "b", "c", "d", "e");
        Set<String> second = Set.of("f", "g", "h", "i", "j");
        attacker.saw("reports", "first", first);
        attacker.saw("reports", "both", Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        attacker.saw("export", "second", second);

        assertThat(attacker.leaks(5)).isEmpty();
        assertThat(attacker.leaks(6)).as("a batch of five is too small under a minimum of six").hasSize(2);
    }

    @Test
    void a_name_that_points_at_one_respondent_is_a_leak_by_itself() {
        TimeAttacker attacker = new TimeAttacker();
        attacker.sawDirectly("export", "a resume key");

        assertThat(attacker.leaks(5)).containsExactly("a resume key");
        assertThat(attacker.channels()).containsExactly("export");
        assertThat(attacker.observations()).isZero();
    }

    @Test
    void a_small_set_that_no_combination_gives_is_no_leak_until_a_figure_gives_it() {
        TimeAttacker attacker = new TimeAttacker();
        // classes {a, b}, {c..f} and {g}: only all-but-g and all-but-a-and-b are shown
        attacker.saw("reports", "all but g", Set.of("a", "b", "c", "d", "e", "f"));
        attacker.saw("reports", "all but a and b", Set.of("c", "d", "e", "f", "g"));
        assertThat(attacker.leaks(3)).as("their difference is {a, b} minus {g}: neither alone").isEmpty();

        attacker.saw("export", "the four in between", Set.of("c", "d", "e", "f"));
        assertThat(attacker.leaks(3)).hasSize(2);
        assertThat(attacker.leaks(2)).singleElement().asString().contains("[g]");
    }
}
