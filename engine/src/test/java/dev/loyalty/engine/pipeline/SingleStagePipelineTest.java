package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.journal.Durability;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every {@link PipelineTest} again, on {@link PipelineStages#SINGLE}: one thread journals, applies and answers. */
class SingleStagePipelineTest extends PipelineTest
{
    PipelineStages stages()
    {
        return PipelineStages.SINGLE;
    }

    @Test
    void shouldRunOneStageByDefaultOnlyForAnAsyncJournalOnAtMostTwoCores()
    {
        assertEquals(PipelineStages.SINGLE, PipelineStages.AUTO.resolve(Durability.ASYNC, 1));
        assertEquals(PipelineStages.SINGLE, PipelineStages.AUTO.resolve(Durability.ASYNC, 2));
        assertEquals(PipelineStages.PARALLEL, PipelineStages.AUTO.resolve(Durability.ASYNC, 3));
        assertEquals(PipelineStages.PARALLEL, PipelineStages.AUTO.resolve(Durability.SYNC, 2));
        assertEquals(PipelineStages.PARALLEL, PipelineStages.PARALLEL.resolve(Durability.ASYNC, 2));
        assertEquals(PipelineStages.SINGLE, PipelineStages.SINGLE.resolve(Durability.SYNC, 64));
    }
}
