package dev.loyalty.client;

/**
 * Receives one answer. It is called on the thread that polls the client, in request order; the
 * {@link Answer} and its views are valid only during the call (copy what you keep). A listener may send
 * further requests; it must not poll or make a blocking call. Usually one preallocated listener serves every
 * request and tells them apart by {@link Answer#correlationId()}.
 */
@FunctionalInterface
public interface AnswerListener
{
    void onAnswer(Answer answer);
}
