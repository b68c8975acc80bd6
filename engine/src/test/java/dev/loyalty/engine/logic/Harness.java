package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Drives a real {@link BusinessLogic} with explicit stamps: a stamp that moves only when a test says so, and
 * shorthands for the commands the tests send. Replies are read through {@link TreeWriter}.
 */
final class Harness
{
    static final long T0 = Instant.parse("2026-12-06T06:15:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    final ApiKeys apiKeys = new ApiKeys();
    final BusinessLogic logic;
    long stamp = T0;
    private int requestCounter;

    Harness()
    {
        this(BusinessLogic.DEFAULT_MAX_OPEN_HOLDS_PER_MEMBER);
    }

    Harness(final int maxOpenHolds)
    {
        logic = new BusinessLogic(apiKeys, maxOpenHolds);
    }

    String rid()
    {
        return "r-" + (++requestCounter);
    }

    Reply send(final Command command)
    {
        return logic.apply(command, stamp);
    }

    Map<String, Object> ok(final Command command)
    {
        final Reply reply = send(command);
        final Map<String, Object> tree = TreeWriter.render(reply);
        assertNull(reply.errorCode(), () -> command + " was rejected: " + tree);
        return tree;
    }

    Map<String, Object> rejected(final Command command, final ErrorCode code)
    {
        final Reply reply = send(command);
        final Map<String, Object> tree = TreeWriter.render(reply);
        assertEquals(code, reply.errorCode(), () -> command + " answered " + tree);
        assertEquals(code.httpStatus(), reply.httpStatus());
        return tree;
    }

    void advance(final long millis)
    {
        stamp += millis;
    }

    void tick()
    {
        ok(new Commands.Tick());
    }

    void program(final long activationDelayHours, final long ttlDays, final long holdTimeoutSeconds)
    {
        ok(new Commands.SetProgram(
            rid(), 100, 500, EarnOn.PAID, activationDelayHours, ttlDays, 3000, holdTimeoutSeconds, 300, 100));
    }

    String member(final String card)
    {
        return member(null, card);
    }

    String member(final String scopePartnerId, final String card)
    {
        final Map<String, Object> created = ok(new Commands.CreateMember(
            rid(), scopePartnerId, List.of(new Identifier(IdentifierType.CARD, card)), null, null, Map.of()));
        return (String)created.get("memberId");
    }

    Map<String, Object> profile(final String memberId)
    {
        return ok(new Commands.GetMember(null, MemberRef.byId(memberId)));
    }

    long available(final String memberId)
    {
        return num(profile(memberId), "balance.available");
    }

    long pending(final String memberId)
    {
        return num(profile(memberId), "balance.pending");
    }

    long held(final String memberId)
    {
        return num(profile(memberId), "balance.held");
    }

    void give(final String memberId, final long points)
    {
        ok(new Commands.AdjustPoints(rid(), memberId, points, "test"));
    }

    /** Defines a promotion (a fresh requestId each time). */
    Map<String, Object> define(final Rule rule)
    {
        return ok(rule.put(rid()));
    }

    Map<String, Object> promotionShown(final String promotionId)
    {
        return ok(new Commands.GetPromotion(promotionId));
    }

    /** Creates given codes for a promotion. */
    Map<String, Object> coupons(final String promotionId, final long usesPerCode, final String... codes)
    {
        return ok(new Commands.CreateCoupons(rid(), promotionId, List.of(codes), false, usesPerCode));
    }

    void store(final String storeId, final Channel channel, final String... attributeKeyValues)
    {
        final Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < attributeKeyValues.length; i += 2)
        {
            attributes.put(attributeKeyValues[i], attributeKeyValues[i + 1]);
        }
        ok(new Commands.PutStore(rid(), storeId, "main", channel, attributes));
    }

    String memberBorn(final String card, final String birthday, final String... attributeKeyValues)
    {
        final Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < attributeKeyValues.length; i += 2)
        {
            attributes.put(attributeKeyValues[i], attributeKeyValues[i + 1]);
        }
        final Map<String, Object> created = ok(new Commands.CreateMember(
            rid(), null, List.of(new Identifier(IdentifierType.CARD, card)), birthday, null, attributes));
        return (String)created.get("memberId");
    }

    /** A purchase body with every field the promotion conditions read. */
    static PurchaseRequest sale(
        final String txId,
        final String storeId,
        final String memberId,
        final String occurredAt,
        final String payment,
        final long redeem,
        final List<String> coupons,
        final Line... lines)
    {
        return new PurchaseRequest(txId, storeId, memberId == null ? null : MemberRef.byId(memberId), occurredAt,
            payment, List.of(lines), redeem, false, coupons);
    }

    Map<String, Object> activity(final String memberId, final String type, final String storeId, final String occurredAt)
    {
        return ok(new Commands.RecordActivity(rid(), null, MemberRef.byId(memberId), type, storeId, occurredAt,
            Map.of()));
    }

    static PurchaseRequest cheque(
        final String txId, final String storeId, final String memberId, final long redeem, final long... unitPrices)
    {
        final List<Line> lines = new ArrayList<>();
        for (int i = 0; i < unitPrices.length; i++)
        {
            lines.add(new Line("SKU-" + (i + 1), "cat", 1, unitPrices[i]));
        }
        return new PurchaseRequest(
            txId, storeId, memberId == null ? null : MemberRef.byId(memberId), null, "CARD", lines, redeem, false,
            List.of());
    }

    Commands.Authorize authorizeCmd(final String txId, final String memberId, final long redeem, final long... prices)
    {
        return new Commands.Authorize(null, cheque(txId, "web", memberId, redeem, prices));
    }

    Map<String, Object> authorize(final String txId, final String memberId, final long redeem, final long... prices)
    {
        return ok(authorizeCmd(txId, memberId, redeem, prices));
    }

    Map<String, Object> oneShot(final String txId, final String memberId, final long redeem, final long... prices)
    {
        return ok(new Commands.OneShot(null, cheque(txId, "web", memberId, redeem, prices)));
    }

    Map<String, Object> capture(final String txId)
    {
        return ok(new Commands.Capture(null, txId));
    }

    Map<String, Object> voidPurchase(final String txId)
    {
        return ok(new Commands.VoidPurchase(null, txId));
    }

    Map<String, Object> refundAmount(final String txId, final String refundId, final long amount)
    {
        return ok(new Commands.Refund(null, txId, refundId, List.of(), amount));
    }

    Map<String, Object> refundLines(final String txId, final String refundId, final RefundLine... lines)
    {
        return ok(new Commands.Refund(null, txId, refundId, List.of(lines), -1));
    }

    Map<String, Object> purchase(final String txId)
    {
        return ok(new Commands.GetPurchase(null, txId));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ledger(final String memberId)
    {
        final Map<String, Object> page = ok(new Commands.GetLedger(null, memberId, 1000, -1));
        return (List<Map<String, Object>>)page.get("entries");
    }

    /** The ledger oldest first as "TYPE points [moved]" strings. */
    List<String> history(final String memberId)
    {
        final List<Map<String, Object>> entries = ledger(memberId);
        final List<String> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--)
        {
            final Map<String, Object> e = entries.get(i);
            out.add(e.get("type") + " " + e.get("points") + (e.containsKey("moved") ? " moved " + e.get("moved") : ""));
        }
        return out;
    }

    void assertInvariants()
    {
        assertEquals(List.of(), logic.checkInvariants());
    }

    static long num(final Map<String, Object> tree, final String path)
    {
        return (Long)TreeWriter.at(tree, path);
    }

    static Object at(final Map<String, Object> tree, final String path)
    {
        return TreeWriter.at(tree, path);
    }
}
