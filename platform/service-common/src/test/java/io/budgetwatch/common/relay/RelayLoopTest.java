package io.budgetwatch.common.relay;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The round mechanics shared by every relay, driven by hand-completed batches (no broker, no database). */
class RelayLoopTest {

    /** Batches that complete when the test says so, answering the sizes it gives. */
    private final Deque<UniEmitter<? super Integer>> pending = new ArrayDeque<>();
    private final AtomicInteger started = new AtomicInteger();

    private RelayLoop loop(int batchSize) {
        return new RelayLoop("test", batchSize, () -> Uni.createFrom().emitter(e -> {
            started.incrementAndGet();
            pending.add(e);
        }));
    }

    private void complete(int published) {
        pending.removeFirst().complete(published);
    }

    @Test
    void aRoundPublishesBatchesUntilOneIsNotFull() {
        RelayLoop loop = loop(10);
        List<Integer> totals = new ArrayList<>();
        loop.drain().subscribe().with(totals::add);
        complete(10);
        complete(10);
        assertEquals(List.of(), totals, "still running after two full batches");
        complete(3);
        assertEquals(List.of(23), totals);
        assertEquals(3, started.get());
    }

    @Test
    void aNudgeDuringARoundCausesExactlyOneMoreRound() {
        RelayLoop loop = loop(10);
        loop.nudge();
        assertEquals(1, started.get());
        loop.nudge();
        loop.nudge();
        assertEquals(1, started.get(), "one round at a time");
        complete(0);
        assertEquals(2, started.get(), "the nudges during the round cause one more");
        complete(0);
        assertEquals(2, started.get(), "and only one");
        loop.nudge();
        assertEquals(3, started.get());
    }

    @Test
    void aFailedRoundLeavesTheLoopReadyForTheNextNudge() {
        RelayLoop loop = loop(10);
        loop.nudge();
        pending.removeFirst().fail(new IllegalStateException("broker down"));
        loop.nudge();
        assertEquals(2, started.get());
        complete(0);
    }

    @Test
    void aStoppedLoopStartsNoRoundAndEndsItsDrainAfterTheBatchInFlight() {
        RelayLoop loop = loop(10);
        List<Integer> totals = new ArrayList<>();
        loop.drain().subscribe().with(totals::add);
        loop.stop();
        complete(10);
        assertEquals(List.of(10), totals, "a full batch is not followed by another once stopped");
        loop.nudge();
        assertEquals(1, started.get());
    }
}
