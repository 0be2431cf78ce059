package dk.overblik.stack.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatTest {
    // A thread whose name holds a space and a parenthesis, as "C2 CompilerThre" and worse may.
    private static final String STAT = "4711 (C2 Comp) x) S 1 4711 4711 0 -1 4194560 100 0 0 0 250 30 4 6 20 0 9 0 123456 0 0";

    @Test
    void fieldsAreCountedAfterTheCommandNameWhateverItHolds() {
        assertThat(ProcStat.command(STAT)).isEqualTo("C2 Comp) x");
        assertThat(ProcStat.field(STAT, 4)).isEqualTo(1L);
        assertThat(ProcStat.field(STAT, 14) + ProcStat.field(STAT, 15)).isEqualTo(280L);
        assertThat(ProcStat.field(STAT, 22)).isEqualTo(123456L);
    }

    @Test
    void theStateIsNoNumber() {
        assertThatThrownBy(() -> ProcStat.field(STAT, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
