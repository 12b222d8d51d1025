package dev.backline.events.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** One subscriber's queue: in order, bounded, and what does not fit goes to the overflow consumer. */
class SerialDeliveryTest {

    @Test
    void beyondItsCapacityItemsGoToTheOverflowAndTheQueuedOnesArriveInOrder() {
        Queue<Runnable> turns = new ArrayDeque<>();
        List<Integer> received = new ArrayList<>();
        List<Integer> overflowed = new ArrayList<>();
        SerialDelivery<Integer> delivery = new SerialDelivery<>(turns::add, received::add, overflowed::add);

        IntStream.range(0, SerialDelivery.CAPACITY + 3).forEach(delivery::offer);

        assertEquals(List.of(SerialDelivery.CAPACITY, SerialDelivery.CAPACITY + 1, SerialDelivery.CAPACITY + 2), overflowed);
        while (!turns.isEmpty()) {
            turns.poll().run();
        }
        assertEquals(IntStream.range(0, SerialDelivery.CAPACITY).boxed().toList(), received);
        // delivered items make room again
        delivery.offer(-1);
        turns.poll().run();
        assertEquals(-1, received.get(received.size() - 1));
        assertEquals(3, overflowed.size());
    }
}
