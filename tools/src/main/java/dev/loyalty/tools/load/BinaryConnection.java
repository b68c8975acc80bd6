package dev.loyalty.tools.load;

import dev.loyalty.client.AnswerListener;
import dev.loyalty.client.AnswerType;
import dev.loyalty.client.CaptureView;
import dev.loyalty.client.ErrorView;
import dev.loyalty.client.LoyaltyClient;
import dev.loyalty.client.MemberRequest;
import dev.loyalty.client.MemberView;
import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.PurchaseView;
import dev.loyalty.client.RefundRequest;
import dev.loyalty.client.RefundView;
import dev.loyalty.client.TxRequest;
import dev.loyalty.engine.sbe.IdentifierType;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;

/**
 * One binary connection of the load: a {@link LoyaltyClient} on a {@link BinaryPoller}'s thread. {@link #send}
 * encodes a {@link Request} with reused request builders (authorize, one-shot and calculate share the purchase
 * layout; capture; refund of one line; lookup by card) and remembers it under its correlation id; each answer
 * frame is found by its id and decoded into an {@link Answer}: an ERROR frame gives the HTTP status and code it
 * carries, any other answer status 200 and the fields {@link Checks} reads. An answer of another type than its
 * request's is unreadable, and so wrong. When the client's window or send buffer is full, requests wait here, in
 * order, and go out as answers free room; their intended times do not change.
 */
final class BinaryConnection implements Connection, AnswerListener
{
    private final LoyaltyClient client;
    private final BinaryPoller poller;
    private final ConnectionListener listener;
    private final String storeId;
    private final String occurredAt;
    private final Request[] byCorrelationId;
    private final int mask;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final PurchaseRequest purchase = PurchaseRequest.authorize();
    private final TxRequest capture = TxRequest.capture("");
    private final RefundRequest refund = new RefundRequest();
    private final MemberRequest lookup = MemberRequest.byIdentifier(IdentifierType.CARD, "");
    /** The correlation id of the oldest request unanswered, and the next; 0 before the first send. */
    private long oldestId;
    private long nextId;
    private boolean closed;
    private SelectionKey key;

    BinaryConnection(
        final LoyaltyClient client, final BinaryPoller poller, final ConnectionListener listener,
        final String storeId, final String occurredAt)
    {
        this.client = client;
        this.poller = poller;
        this.listener = listener;
        this.storeId = storeId;
        this.occurredAt = occurredAt;
        this.byCorrelationId = new Request[client.window()];
        this.mask = byCorrelationId.length - 1;
    }

    public void execute(final Runnable task)
    {
        poller.execute(task);
    }

    public void schedule(final long delayNs, final Runnable task)
    {
        poller.schedule(delayNs, task);
    }

    public void send(final Request request)
    {
        if (closed)
        {
            listener.onFailed(request, new IOException("the connection is closed: " + client.closeReason()));
            return;
        }
        if (!waiting.isEmpty() || !trySend(request))
        {
            waiting.addLast(request);
        }
    }

    private boolean trySend(final Request r)
    {
        final long id = client.send(encode(r), this);
        if (id == LoyaltyClient.BACK_PRESSURED)
        {
            return false;
        }
        if (id == LoyaltyClient.CLOSED)
        {
            listener.onFailed(r, new IOException("the connection is closed: " + client.closeReason()));
            return true;
        }
        if (nextId == 0)
        {
            // The client numbers a connection's frames from 1, AUTH included: the first request's id says where.
            oldestId = id;
            nextId = id;
        }
        if (id != nextId)
        {
            throw new IllegalStateException("correlation id " + id + ", expected " + nextId);
        }
        nextId++;
        r.sentNs = System.nanoTime();
        byCorrelationId[(int)(id & mask)] = r;
        return true;
    }

    private dev.loyalty.client.Request encode(final Request r)
    {
        return switch (r.type)
        {
            case AUTHORIZE -> purchase(r, PurchaseRequest.Operation.AUTHORIZE);
            case ONE_SHOT -> purchase(r, PurchaseRequest.Operation.ONE_SHOT);
            case CALCULATE -> purchase(r, PurchaseRequest.Operation.CALCULATE);
            case CAPTURE -> capture.set(TxRequest.Operation.CAPTURE, r.txId);
            case REFUND -> refund.reset().txId(r.txId).refundId(r.refundId).line(r.refundSku, r.refundQty);
            case LOOKUP -> lookup.identifier(IdentifierType.CARD, r.card);
            default -> throw new IllegalArgumentException("the binary protocol has no " + r.type.label());
        };
    }

    private PurchaseRequest purchase(final Request r, final PurchaseRequest.Operation operation)
    {
        purchase.reset().operation(operation).storeId(storeId).payment("CARD");
        if (operation != PurchaseRequest.Operation.CALCULATE)
        {
            purchase.txId(r.txId);
        }
        if (r.card != null)
        {
            purchase.memberIdentifier(IdentifierType.CARD, r.card);
        }
        else
        {
            purchase.anonymous();
        }
        if (occurredAt != null)
        {
            purchase.occurredAt(occurredAt);
        }
        for (final Line line : r.lines)
        {
            purchase.line(line.sku(), line.category(), line.qty(), line.unitPrice());
        }
        if (r.redeemPoints > 0)
        {
            purchase.redeemPoints(r.redeemPoints);
        }
        return purchase;
    }

    public void flush()
    {
        client.flush();
    }

    public int inFlight()
    {
        return (int)(nextId - oldestId) + waiting.size();
    }

    public void close()
    {
        client.close();
        onClosed();
    }

    /** Closes the socket from another thread once the poller has stopped. */
    void closeClient()
    {
        client.close();
    }

    /** Registers the socket with the poller's selector, this connection as the key's attachment; on its thread. */
    void register(final Selector selector)
    {
        try
        {
            key = client.register(selector, this);
        }
        catch (final IOException ex)
        {
            onClosed();
        }
    }

    /**
     * Part of a round on the poller's thread: what waits goes out if it can, and what is buffered is written.
     *
     * @return the requests sent.
     */
    int sendWaiting()
    {
        if (closed)
        {
            return 0;
        }
        int work = 0;
        while (!waiting.isEmpty() && trySend(waiting.peekFirst()))
        {
            waiting.pollFirst();
            work++;
        }
        client.flush();
        afterIo();
        return work;
    }

    /**
     * The poller's selector chose this connection's socket: reads the answers that have arrived (each goes to
     * its listener, which may send the flow's next request) and writes what that buffered.
     *
     * @return the answers handled, at least 1 when the socket was readable, so that the poller goes round again.
     */
    int read()
    {
        if (closed)
        {
            return 0;
        }
        final int answers = client.poll();
        client.flush();
        afterIo();
        return Math.max(1, answers);
    }

    /** After a write: closed, or interested in the socket taking bytes again while some are still buffered. */
    private void afterIo()
    {
        if (client.isClosed())
        {
            onClosed();
            return;
        }
        if (key != null && key.isValid())
        {
            final int ops = client.hasUnflushed() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
            if (key.interestOps() != ops)
            {
                key.interestOps(ops);
            }
        }
    }

    public void onAnswer(final dev.loyalty.client.Answer frame)
    {
        final long now = System.nanoTime();
        final long id = frame.correlationId();
        final int slot = (int)(id & mask);
        final Request r = byCorrelationId[slot];
        if (id != oldestId || r == null)
        {
            client.close();
            return;
        }
        byCorrelationId[slot] = null;
        oldestId++;
        final Answer answer = new Answer();
        try
        {
            decode(r, frame, answer);
        }
        catch (final RuntimeException ex)
        {
            answer.errorCode = Checks.UNREADABLE;
            answer.errorMessage = ex.toString();
        }
        listener.onAnswer(r, answer, now);
    }

    private static void decode(final Request r, final dev.loyalty.client.Answer frame, final Answer a)
    {
        final AnswerType type = frame.type();
        if (type == AnswerType.ERROR)
        {
            final ErrorView e = frame.error();
            a.status = e.httpStatus();
            a.errorCode = e.code() != null ? e.code().name() : String.valueOf(e.wireCode());
            a.errorMessage = e.message();
            return;
        }
        final AnswerType expected = switch (r.type)
        {
            case AUTHORIZE, ONE_SHOT, CALCULATE -> AnswerType.PURCHASE;
            case CAPTURE -> AnswerType.CAPTURE;
            case REFUND -> AnswerType.REFUND;
            case LOOKUP -> AnswerType.MEMBER;
            default -> null;
        };
        if (type != expected)
        {
            a.errorCode = Checks.UNREADABLE;
            a.errorMessage = "a " + type + " answer to a " + r.type.label();
            return;
        }
        a.status = 200;
        switch (type)
        {
            case PURCHASE ->
            {
                final PurchaseView p = frame.purchase();
                a.purchaseStatus = p.status() == null ? null : p.status().name();
                a.txId = p.txId();
                a.memberId = p.memberId();
                a.total = p.total();
                a.discount = p.discount();
                a.pointsRedeemed = p.pointsRedeemed();
                a.payable = p.payable();
                a.pointsToEarn = p.pointsToEarn();
                a.pointsEarned = p.hasPointsEarned() ? p.pointsEarned() : Answer.ABSENT;
                a.lineCount = p.lineCount();
                long sum = 0;
                for (int i = 0; i < a.lineCount; i++)
                {
                    sum += p.lineAmount(i);
                }
                a.lineAmountSum = sum;
            }
            case CAPTURE ->
            {
                // A CAPTURE_ANSWER is the answer of a capture that booked: its purchase is CAPTURED.
                final CaptureView c = frame.capture();
                a.purchaseStatus = "CAPTURED";
                a.txId = c.txId();
                a.pointsRedeemed = c.pointsRedeemed();
                a.pointsEarned = c.pointsEarned();
            }
            case REFUND ->
            {
                final RefundView f = frame.refund();
                a.txId = f.txId();
                a.refundId = f.refundId();
                a.purchaseStatus = f.status() == null ? null : f.status().name();
                a.amount = f.amount();
            }
            case MEMBER ->
            {
                final MemberView m = frame.member();
                a.memberId = m.memberId();
                for (int i = 0; i < m.identifierCount(); i++)
                {
                    if (m.identifierType(i) == IdentifierType.CARD)
                    {
                        a.cards.add(m.identifierValue(i));
                    }
                }
            }
            default -> throw new IllegalStateException("no decoder for " + type);
        }
    }

    private void onClosed()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final IOException cause = new IOException("the connection closed: " + client.closeReason());
        for (long id = oldestId; id < nextId; id++)
        {
            final int slot = (int)(id & mask);
            final Request r = byCorrelationId[slot];
            byCorrelationId[slot] = null;
            if (r != null)
            {
                listener.onFailed(r, cause);
            }
        }
        oldestId = nextId;
        for (Request r; (r = waiting.pollFirst()) != null; )
        {
            listener.onFailed(r, cause);
        }
        listener.onClosed(cause);
    }
}
