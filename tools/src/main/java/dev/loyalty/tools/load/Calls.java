package dev.loyalty.tools.load;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One request and its answer, waited for: for the few calls before a run (the program's terms). */
final class Calls
{
    private static final long TIMEOUT_SECONDS = 10;

    private Calls()
    {
    }

    /** Opens a connection, sends {@code request}, waits for the answer, closes the connection. */
    static Answer call(final Transport transport, final Request request)
        throws Exception
    {
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        final Connection connection = transport.open(new ConnectionListener()
        {
            public void onAnswer(final Request r, final Answer a, final long answeredNs)
            {
                answer.complete(a);
            }

            public void onFailed(final Request r, final Throwable cause)
            {
                answer.completeExceptionally(cause);
            }

            public void onClosed(final Throwable cause)
            {
                answer.completeExceptionally(cause);
            }
        });
        try
        {
            connection.execute(() ->
            {
                request.intendedNs = System.nanoTime();
                connection.send(request);
                connection.flush();
            });
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new java.io.IOException(request.type.label() + " got no answer: " + ex.getCause().getMessage(), ex);
        }
        catch (final TimeoutException ex)
        {
            throw new java.io.IOException(request.type.label() + " got no answer in " + TIMEOUT_SECONDS + " s", ex);
        }
        finally
        {
            connection.execute(connection::close);
        }
    }

    /** {@code GET /v1/program}: the terms, or an exception naming what the engine answered. */
    static ProgramTerms program(final Transport transport) throws Exception
    {
        final Answer a = call(transport, new Request(RequestType.GET_PROGRAM));
        if (a.status != 200 || a.pointValueMinor <= 0 || a.maxRedeemShareBp == Answer.ABSENT)
        {
            throw new java.io.IOException("GET /v1/program answered " + a +
                (a.status == 401 || a.status == 403 ? " (loadgen needs the admin key)" : ""));
        }
        return new ProgramTerms(a.pointValueMinor, a.maxRedeemShareBp);
    }
}
