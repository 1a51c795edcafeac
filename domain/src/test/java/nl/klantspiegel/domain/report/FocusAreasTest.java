package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Option;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FocusAreasTest {

    private static final String AT = "2026-11-02T10:00:00Z";

    private static List<FocusAreas.Area> areas(Completions completions) {
        return FocusAreas.of(GroupFigures.of(completions.all()), Instruments.current());
    }

    @Test
    void the_least_oriented_questions_come_first_and_a_question_is_a_focus_area_when_fewer_than_half_chose_the_oriented_answer() {
        // the oriented answers (5 points): c, b, a, b, c, c
        List<FocusAreas.Area> areas = areas(new Completions()
                .add(3, "t", "r", AT, "cbabcc")
                .add(5, "t", "r", AT, "bacaba")
                .add(2, "t", "r", AT, "ababac"));

        assertThat(areas).extracting(FocusAreas.Area::question).containsExactly(1, 5, 2, 3, 4, 6);
        FocusAreas.Area first = areas.get(0);
        assertThat(first.oriented()).isEqualTo(Option.C);
        assertThat(first.orientedShare()).isCloseTo(0.3, within(1e-9));
        assertThat(first.mostChosenOther()).contains(Option.B);
        assertThat(first.answered()).isEqualTo(10);
        assertThat(first.isFocus()).isTrue();
        FocusAreas.Area fifth = areas.get(1);
        assertThat(fifth.mostChosenOther()).as("chosen 5 times (1 point) against 2 (3 points)").contains(Option.B);
        assertThat(areas.get(2).orientedShare()).isCloseTo(0.5, within(1e-9));
        assertThat(areas.get(2).isFocus()).as("half is not fewer than half").isFalse();
        assertThat(areas.get(3).oriented()).isEqualTo(Option.A);
        assertThat(areas.get(3).mostChosenOther()).contains(Option.C);
    }

    @Test
    void between_other_answers_chosen_as_often_the_one_with_more_points_is_named() {
        List<FocusAreas.Area> areas = areas(new Completions()
                .add(1, "t", "r", AT, "aaaaaa")
                .add(1, "t", "r", AT, "bbbbbb"));

        FocusAreas.Area first = areas.stream().filter(area -> area.question() == 1).findFirst().orElseThrow();
        assertThat(first.orientedShare()).isZero();
        assertThat(first.mostChosenOther()).as("a gives 1 point, b 3").contains(Option.B);
        FocusAreas.Area third = areas.stream().filter(area -> area.question() == 3).findFirst().orElseThrow();
        assertThat(third.oriented()).isEqualTo(Option.A);
        assertThat(third.mostChosenOther()).as("b the only other chosen").contains(Option.B);
    }

    @Test
    void where_everybody_chose_the_oriented_answer_nothing_else_is_named_and_nothing_is_a_focus_area() {
        List<FocusAreas.Area> areas = areas(new Completions().add(4, "t", "r", AT, "cbabcc"));

        assertThat(areas).hasSize(6).allSatisfy(area -> {
            assertThat(area.orientedShare()).isEqualTo(1.0);
            assertThat(area.mostChosenOther()).isEmpty();
            assertThat(area.isFocus()).isFalse();
        });
        assertThat(areas).extracting(FocusAreas.Area::question).as("ties in question order")
                .containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void nothing_is_left_out() {
        assertThatThrownBy(() -> FocusAreas.of(GroupFigures.of(new Completions().add(1, "t", "r", AT, "cbabcc").all()),
                null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FocusAreas.of(null, Instruments.current())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FocusAreas.Area(1, null, 0, Optional.empty(), 1))
                .isInstanceOf(NullPointerException.class);
    }
}
