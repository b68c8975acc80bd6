package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

final class PipelineTestReplies
{
    static final Reply OK = new Reply()
    {
        public int httpStatus()
        {
            return 200;
        }

        public void writeTo(final ReplyWriter writer)
        {
            writer.startObject();
            writer.endObject();
        }
    };

    private PipelineTestReplies()
    {
    }
}
