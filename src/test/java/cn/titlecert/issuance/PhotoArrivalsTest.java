package cn.titlecert.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.junit.jupiter.api.Test;

/** A photo wakes each waiting case of its person on its own; one woken meanwhile elsewhere does not stop the rest. */
class PhotoArrivalsTest {

    private static IssuanceItem waiting(long id, String processInstanceId) {
        return new IssuanceItem(id, 1, 100 + id, 7, ItemStatus.WAITING_FOR_PHOTO, processInstanceId, null, null, null,
                Instant.now());
    }

    @Test
    void aCaseWokenConcurrentlyIsSkippedAndTheOthersStillResume() {
        IssuanceMapper batches = mock(IssuanceMapper.class);
        when(batches.findWaitingForPhoto(7)).thenReturn(List.of(waiting(1, "p-1"), waiting(2, null), waiting(3, "p-3")));
        RuntimeService runtime = mock(RuntimeService.class);
        MessageCorrelationBuilder first = mock(MessageCorrelationBuilder.class, RETURNS_SELF);
        when(first.correlateAllWithResult()).thenThrow(new OptimisticLockingException("woken by a bureau's run now"));
        MessageCorrelationBuilder second = mock(MessageCorrelationBuilder.class, RETURNS_SELF);
        when(second.correlateAllWithResult()).thenReturn(List.of(mock(MessageCorrelationResult.class)));
        when(runtime.createMessageCorrelation(anyString())).thenReturn(first, second);

        assertThat(new PhotoArrivals(batches, runtime).resume(7)).as("the third case, not the first (taken), nor the "
                + "second (not dispatched)").isEqualTo(1);
    }
}
