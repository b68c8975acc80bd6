package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small, plain model of what API.md promises, written apart from the business logic for the deterministic
 * simulation: members with lots (activation, expiry, oldest first), debt, holds, the ledger, purchases and
 * their state machine, refunds on running totals, merges, adjustments, keys, idempotency, and referrals paid
 * on a referee's first captured purchase. Each
 * {@link #apply} takes the business logic's answer to the same command and throws an {@link AssertionError}
 * naming the first difference: the status, the error code, and the figures of the answer.
 *
 * <p>Scope. Pricing is API.md's formula re-implemented without promotions: amounts, the redemption cap, the
 * points money spread by largest remainder, base earning. With {@code trustPromotions} the model cannot know
 * which promotions match or what they are worth, so it takes each line's discount and each promotion's points
 * from the answer and checks everything that follows from them (sums, cap, spreading, paid, base points,
 * holds, earning, refunds); promotion and coupon definitions are taken as answered, and a
 * REDEEM_LIMIT_EXCEEDED is accepted whenever the balance would cover the points. Stats, attributes, tiers,
 * achievements and leaderboards are not modelled (the streams define none, so no tier or achievement pays).
 */
final class ReferenceModel
{
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    private final boolean trustPromotions;
    private final int maxOpenHolds;

    // the program
    private long pointValue = 100;
    private long baseEarnBp = 500;
    private boolean earnOnTotal;
    private long delayHours;
    private long ttlDays = 365;
    private long shareBp = 3000;
    private long holdSeconds = 900;
    private long referrerPoints = 300;
    private long refereePoints = 100;

    private long now;
    private long memberCounter;
    private long lotCounter;
    private long eventCounter;
    private long ledgerCounter;

    private final Set<String> partners = new HashSet<>(Set.of("main"));
    private final Map<String, String> storePartner = new HashMap<>(Map.of("web", "main", "app", "main"));
    final LinkedHashMap<String, M> members = new LinkedHashMap<>();
    private final Map<Identifier, M> byIdentifier = new HashMap<>();
    private final Map<String, M> byReferralCode = new HashMap<>();
    final LinkedHashMap<String, P> purchases = new LinkedHashMap<>();
    private final Map<String, Claimed> keys = new HashMap<>();
    private final Map<String, Claimed> refunds = new HashMap<>();
    private final Map<String, Boolean> apiKeys = new HashMap<>();
    private final TreeSet<Event> events = new TreeSet<>(
        Comparator.<Event>comparingLong(e -> e.dueAt).thenComparingLong(e -> e.seq));

    ReferenceModel(final boolean trustPromotions, final int maxOpenHolds)
    {
        this.trustPromotions = trustPromotions;
        this.maxOpenHolds = maxOpenHolds;
    }

    /** A member as the model sees it. */
    static final class M
    {
        final String id;
        final String home;
        final List<Lot> lots = new ArrayList<>();
        final List<Entry> ledger = new ArrayList<>();
        final String referrerId;
        long debt;
        long held;
        /** Captured purchases booked to this member (and brought in by merges): a referral pays on the first. */
        long purchases;
        M mergedInto;

        M(final String id, final String home, final String referrerId)
        {
            this.id = id;
            this.home = home;
            this.referrerId = referrerId;
        }

        M live()
        {
            M m = this;
            while (m.mergedInto != null)
            {
                m = m.mergedInto;
            }
            return m;
        }

        long available()
        {
            long sum = 0;
            for (final Lot lot : lots)
            {
                sum += lot.pending ? 0 : lot.remaining;
            }
            return sum - debt;
        }

        long pending()
        {
            long sum = 0;
            for (final Lot lot : lots)
            {
                sum += lot.pending ? lot.remaining : 0;
            }
            return sum;
        }
    }

    static final class Lot
    {
        final long id;
        final long earnedAt;
        final long expireAt;
        M owner;
        long remaining;
        long heldOut;
        boolean pending;
        boolean expired;
        boolean expiryPending;

        Lot(final long id, final M owner, final long earnedAt, final long expireAt)
        {
            this.id = id;
            this.owner = owner;
            this.earnedAt = earnedAt;
            this.expireAt = expireAt;
        }

        boolean spendable()
        {
            return !pending && !expired && remaining > 0;
        }
    }

    record Entry(long seq, LedgerType type, long points, long moved, String txId, long at)
    {
    }

    record Part(Lot lot, long amount)
    {
    }

    record Claimed(Command command, Map<String, Object> answer)
    {
    }

    private enum Kind
    {
        HOLD_TIMEOUT, ACTIVATE, EXPIRE
    }

    private static final class Event
    {
        final long dueAt;
        final long seq;
        final Kind kind;
        final P purchase;
        final Lot lot;

        Event(final long dueAt, final long seq, final Kind kind, final P purchase, final Lot lot)
        {
            this.dueAt = dueAt;
            this.seq = seq;
            this.kind = kind;
            this.purchase = purchase;
            this.lot = lot;
        }
    }

    /** A purchase as the model sees it. */
    static final class P
    {
        String txId;
        String origin;
        Command originCommand;
        Map<String, Object> firstAnswer;
        Map<String, Object> captureAnswer;
        Map<String, Object> voidAnswer;
        String partner;
        M member;
        String status;
        List<Line> lines;
        long[] amount;
        long[] discount;
        long[] pointsPaid;
        long[] paid;
        long total;
        long redeemed;
        long toEarn;
        long earned;
        List<Part> hold = List.of();
        Lot earnedLot;
        long[] refunded;
        long[] zeroPriceRefundedQty;
        long cumulativeAmount;
        long cumulativeReversed;
        long cumulativeReturned;
        long[] bookedBalance;
    }

    /** What pricing gives, or the error it answers. */
    private record Priced(String error, long total, long discount, long[] amount, long[] lineDiscount,
        long[] pointsPaid, long[] paid, long maxRedeemable, long redeemed, long payable, long toEarn)
    {
    }

    // -----------------------------------------------------------------------------------------------------
    // Entry point
    // -----------------------------------------------------------------------------------------------------

    /** Applies the command to the model and checks the business logic's answer {@code got} against it. */
    void apply(final Command command, final long stamp, final Map<String, Object> got, final int httpStatus)
    {
        final boolean journaled = command.type().journaled();
        if (journaled)
        {
            advance(stamp);
        }
        switch (command.type())
        {
            case TICK, GET_PROGRAM -> expectOk(got, httpStatus, 200);
            case SET_PROGRAM -> setProgram((Commands.SetProgram)command, got, httpStatus);
            case PUT_PARTNER -> putPartner((Commands.PutPartner)command, got, httpStatus);
            case PUT_STORE -> putStore((Commands.PutStore)command, got, httpStatus);
            case CREATE_MEMBER -> createMember((Commands.CreateMember)command, got, httpStatus);
            case ADD_IDENTIFIER -> addIdentifier((Commands.AddIdentifier)command, got, httpStatus);
            case MERGE_MEMBERS -> merge((Commands.MergeMembers)command, got, httpStatus);
            case ADJUST_POINTS -> adjust((Commands.AdjustPoints)command, got, httpStatus);
            case AUTHORIZE ->
            {
                final Commands.Authorize c = (Commands.Authorize)command;
                purchase("AUTHORIZE", c.scopePartnerId(), c.request(), c, got, httpStatus);
            }
            case ONE_SHOT ->
            {
                final Commands.OneShot c = (Commands.OneShot)command;
                purchase("ONE_SHOT", c.scopePartnerId(), c.request(), c, got, httpStatus);
            }
            case CALCULATE -> calculate((Commands.Calculate)command, got, httpStatus);
            case CAPTURE -> capture((Commands.Capture)command, got, httpStatus);
            case VOID -> voidPurchase((Commands.VoidPurchase)command, got, httpStatus);
            case REFUND -> refund((Commands.Refund)command, got, httpStatus);
            case RECORD_ACTIVITY -> activity((Commands.RecordActivity)command, got, httpStatus);
            case CREATE_KEY -> createKey((Commands.CreateKey)command, got, httpStatus);
            case REVOKE_KEY -> revokeKey((Commands.RevokeKey)command, got, httpStatus);
            case GET_MEMBER -> getMember((Commands.GetMember)command, got, httpStatus);
            case GET_LEDGER -> getLedger((Commands.GetLedger)command, got, httpStatus);
            case GET_PURCHASE -> getPurchase((Commands.GetPurchase)command, got, httpStatus);
            case GET_PARTNER -> expect(got, httpStatus,
                partners.contains(((Commands.GetPartner)command).partnerId()) ? null : "PARTNER_NOT_FOUND");
            case GET_STORE ->
            {
                final Commands.GetStore c = (Commands.GetStore)command;
                expect(got, httpStatus, storeVisible(c.scopePartnerId(), c.storeId()) ? null : "STORE_NOT_FOUND");
            }
            case PUT_PROMOTION ->
                trusted(command, "PUT_PROMOTION", ((Commands.PutPromotion)command).requestId(), got, httpStatus);
            case CREATE_COUPONS ->
                trusted(command, "CREATE_COUPONS", ((Commands.CreateCoupons)command).requestId(), got, httpStatus);
            case GET_PROMOTION, LIST_PROMOTIONS -> requireTrust(command);
            default -> throw new AssertionError("the model has no rule for " + command);
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Time
    // -----------------------------------------------------------------------------------------------------

    private void advance(final long stamp)
    {
        now = Math.max(now, stamp);
        while (!events.isEmpty() && events.first().dueAt <= now)
        {
            final Event e = events.pollFirst();
            switch (e.kind)
            {
                case HOLD_TIMEOUT ->
                {
                    if ("AUTHORIZED".equals(e.purchase.status))
                    {
                        closeAuthorization(e.purchase);
                        e.purchase.status = "EXPIRED";
                    }
                }
                case ACTIVATE -> activate(e.lot);
                case EXPIRE -> expire(e.lot);
            }
        }
    }

    private void schedule(final long dueAt, final Kind kind, final P purchase, final Lot lot)
    {
        events.add(new Event(dueAt, ++eventCounter, kind, purchase, lot));
    }

    private void scheduleExpiry(final Lot lot)
    {
        if (!lot.expiryPending)
        {
            lot.expiryPending = true;
            schedule(lot.expireAt, Kind.EXPIRE, null, lot);
        }
    }

    private void activate(final Lot lot)
    {
        if (!lot.pending || lot.expired)
        {
            return;
        }
        lot.pending = false;
        final long n = lot.remaining;
        lot.remaining = 0;
        if (n > 0)
        {
            post(lot.owner, LedgerType.ACTIVATE, 0, n, null);
            credit(lot.owner, lot, n);
        }
    }

    private void expire(final Lot lot)
    {
        lot.expiryPending = false;
        lot.expired = true;
        final long n = lot.remaining;
        lot.remaining = 0;
        if (n > 0)
        {
            post(lot.owner, LedgerType.EXPIRE, -n, 0, null);
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Points
    // -----------------------------------------------------------------------------------------------------

    private void post(final M m, final LedgerType type, final long points, final long moved, final String txId)
    {
        m.ledger.add(new Entry(++ledgerCounter, type, points, moved, txId, now));
    }

    /** New points into a lot that is not pending: the member's debt is paid first. */
    private static void credit(final M m, final Lot lot, final long n)
    {
        final long pay = Math.min(m.debt, n);
        m.debt -= pay;
        lot.remaining += n - pay;
    }

    private Lot newLot(final M m)
    {
        final Lot lot = new Lot(++lotCounter, m, now, now + ttlDays * DAY);
        m.lots.add(lot);
        return lot;
    }

    private static List<Lot> oldestFirst(final M m)
    {
        final List<Lot> lots = new ArrayList<>(m.lots);
        lots.sort(Comparator.<Lot>comparingLong(l -> l.earnedAt).thenComparingLong(l -> l.id));
        return lots;
    }

    /** Takes up to n from the oldest spendable lots; returns what is missing. */
    private static long take(final M m, final long n)
    {
        long need = n;
        for (final Lot lot : oldestFirst(m))
        {
            if (need == 0)
            {
                break;
            }
            if (lot.spendable())
            {
                final long t = Math.min(need, lot.remaining);
                lot.remaining -= t;
                need -= t;
            }
        }
        return need;
    }

    private Lot creditNew(final M m, final LedgerType type, final long n, final String txId)
    {
        final Lot lot = newLot(m);
        post(m, type, n, 0, txId);
        credit(m, lot, n);
        if (lot.remaining > 0)
        {
            scheduleExpiry(lot);
        }
        return lot;
    }

    private Lot earn(final M m, final long n, final String txId)
    {
        final Lot lot = newLot(m);
        post(m, LedgerType.EARN, n, 0, txId);
        if (delayHours > 0)
        {
            lot.pending = true;
            lot.remaining = n;
            schedule(now + delayHours * HOUR, Kind.ACTIVATE, null, lot);
            scheduleExpiry(lot);
        }
        else
        {
            credit(m, lot, n);
            if (lot.remaining > 0)
            {
                scheduleExpiry(lot);
            }
        }
        return lot;
    }

    private List<Part> hold(final M m, final long n, final String txId)
    {
        if (n == 0)
        {
            return List.of();
        }
        final List<Part> parts = new ArrayList<>();
        long need = n;
        for (final Lot lot : oldestFirst(m))
        {
            if (need > 0 && lot.spendable())
            {
                final long t = Math.min(need, lot.remaining);
                lot.remaining -= t;
                lot.heldOut += t;
                need -= t;
                parts.add(new Part(lot, t));
            }
        }
        if (need != 0)
        {
            throw new AssertionError("model: " + m.id + " cannot hold " + n);
        }
        m.held += n;
        post(m, LedgerType.HOLD, 0, n, txId);
        return parts;
    }

    private void release(final M m, final List<Part> parts, final String txId)
    {
        long n = 0;
        for (final Part part : parts)
        {
            part.lot().heldOut -= part.amount();
            m.held -= part.amount();
            n += part.amount();
            credit(m, part.lot(), part.amount());
            if (part.lot().remaining > 0)
            {
                scheduleExpiry(part.lot());
            }
        }
        if (n > 0)
        {
            post(m, LedgerType.RELEASE, 0, n, txId);
        }
    }

    private void redeemHeld(final M m, final List<Part> parts, final String txId)
    {
        long n = 0;
        for (final Part part : parts)
        {
            part.lot().heldOut -= part.amount();
            n += part.amount();
        }
        if (n > 0)
        {
            m.held -= n;
            post(m, LedgerType.REDEEM, -n, 0, txId);
        }
    }

    private void closeAuthorization(final P p)
    {
        final M m = p.member == null ? null : p.member.live();
        if (m != null)
        {
            release(m, p.hold, p.txId);
        }
        p.hold = List.of();
    }

    private int openAuthorizations(final M m)
    {
        int n = 0;
        for (final P p : purchases.values())
        {
            if (p.member != null && p.member.live() == m && "AUTHORIZED".equals(p.status))
            {
                n++;
            }
        }
        return n;
    }

    // -----------------------------------------------------------------------------------------------------
    // Checking answers
    // -----------------------------------------------------------------------------------------------------

    private static void expect(final Map<String, Object> got, final int status, final String error)
    {
        final Object code = got.get("error") instanceof Map<?, ?> e ? e.get("code") : null;
        if (!Objects.equals(error, code))
        {
            throw new AssertionError("expected " + (error == null ? "success" : error) + ", got " + status + " " + got);
        }
    }

    private static void expectOk(final Map<String, Object> got, final int status, final int wanted)
    {
        expect(got, status, null);
        if (status != wanted)
        {
            throw new AssertionError("expected status " + wanted + ", got " + status + " " + got);
        }
    }

    private static void field(final Map<String, Object> got, final String path, final Object wanted)
    {
        final Object value = TreeWriter.at(got, path);
        final Object w = wanted instanceof Integer i ? Long.valueOf(i) : wanted;
        if (!Objects.equals(w, value))
        {
            throw new AssertionError(path + ": model " + w + ", logic " + value + " in " + got);
        }
    }

    private static void balance(final Map<String, Object> got, final String path, final M m)
    {
        field(got, path + ".available", m.available());
        field(got, path + ".pending", m.pending());
        field(got, path + ".held", m.held);
    }

    private static void sameAnswer(final Map<String, Object> first, final Map<String, Object> got)
    {
        if (!first.equals(got))
        {
            throw new AssertionError("a replay must answer the first answer: first " + first + ", replay " + got);
        }
    }

    /** A requestId-keyed command: null when the key is free, else checks the replay or conflict and returns true. */
    private boolean replayed(final String type, final String requestId, final Command c, final Map<String, Object> got,
        final int status)
    {
        final Claimed prior = keys.get(type + "|" + requestId);
        if (prior == null)
        {
            return false;
        }
        if (prior.command().sameBody(c))
        {
            sameAnswer(prior.answer(), got);
        }
        else
        {
            expect(got, status, "IDEMPOTENCY_CONFLICT");
        }
        return true;
    }

    private void claim(final String type, final String requestId, final Command c, final Map<String, Object> got)
    {
        keys.put(type + "|" + requestId, new Claimed(c, got));
    }

    private void trusted(final Command c, final String type, final String requestId, final Map<String, Object> got,
        final int status)
    {
        requireTrust(c);
        if (badId(requestId))
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        final Claimed prior = keys.get(type + "|" + requestId);
        if (prior != null && prior.command().sameBody(c))
        {
            sameAnswer(prior.answer(), got);
            return;
        }
        if (prior == null && status == 200)
        {
            claim(type, requestId, c, got);
        }
    }

    private void requireTrust(final Command c)
    {
        if (!trustPromotions)
        {
            throw new AssertionError("a stream without promotions sent " + c);
        }
    }

    static boolean badId(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > 64)
        {
            return true;
        }
        for (int i = 0; i < id.length(); i++)
        {
            if (id.charAt(i) < 0x21 || id.charAt(i) > 0x7e)
            {
                return true;
            }
        }
        return false;
    }

    // -----------------------------------------------------------------------------------------------------
    // Program, partners, stores, keys
    // -----------------------------------------------------------------------------------------------------

    private void setProgram(final Commands.SetProgram c, final Map<String, Object> got, final int status)
    {
        final boolean valid = c.pointValueMinor() >= 1 && c.pointValueMinor() <= 100_000_000_000L &&
            c.baseEarnBp() >= 0 && c.baseEarnBp() <= 100_000 && c.earnOn() != null &&
            c.activationDelayHours() >= 0 && c.activationDelayHours() <= 876_000 && c.pointsTtlDays() >= 1 &&
            c.pointsTtlDays() <= 36_500 && c.maxRedeemShareBp() >= 0 && c.maxRedeemShareBp() <= 10_000 &&
            c.holdTimeoutSeconds() >= 1 && c.holdTimeoutSeconds() <= 31_536_000 && c.referrerPoints() >= 0 &&
            c.refereePoints() >= 0;
        if (badId(c.requestId()) || !valid)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("SET_PROGRAM", c.requestId(), c, got, status))
        {
            return;
        }
        expectOk(got, status, 200);
        pointValue = c.pointValueMinor();
        baseEarnBp = c.baseEarnBp();
        earnOnTotal = c.earnOn() == EarnOn.TOTAL;
        delayHours = c.activationDelayHours();
        ttlDays = c.pointsTtlDays();
        shareBp = c.maxRedeemShareBp();
        holdSeconds = c.holdTimeoutSeconds();
        referrerPoints = c.referrerPoints();
        refereePoints = c.refereePoints();
        field(got, "pointValueMinor", pointValue);
        claim("SET_PROGRAM", c.requestId(), c, got);
    }

    private void putPartner(final Commands.PutPartner c, final Map<String, Object> got, final int status)
    {
        if (badId(c.requestId()) || badId(c.partnerId()) || c.name() == null || c.name().isEmpty())
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("PUT_PARTNER", c.requestId(), c, got, status))
        {
            return;
        }
        expectOk(got, status, 200);
        partners.add(c.partnerId());
        claim("PUT_PARTNER", c.requestId(), c, got);
    }

    private void putStore(final Commands.PutStore c, final Map<String, Object> got, final int status)
    {
        if (badId(c.requestId()) || badId(c.storeId()) || c.channel() == null)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("PUT_STORE", c.requestId(), c, got, status))
        {
            return;
        }
        if (!partners.contains(c.partnerId()))
        {
            expect(got, status, "PARTNER_NOT_FOUND");
            return;
        }
        expectOk(got, status, 200);
        storePartner.put(c.storeId(), c.partnerId());
        claim("PUT_STORE", c.requestId(), c, got);
    }

    private boolean storeVisible(final String scope, final String storeId)
    {
        final String partner = storePartner.get(storeId);
        return partner != null && (scope == null || scope.equals(partner));
    }

    private void createKey(final Commands.CreateKey c, final Map<String, Object> got, final int status)
    {
        if (badId(c.requestId()))
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("CREATE_KEY", c.requestId(), c, got, status))
        {
            return;
        }
        if (badId(c.keyId()) || c.secretSha256Hex() == null || c.secretSha256Hex().isEmpty() || c.role() == null)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (c.role() == KeyRole.POS && !partners.contains(c.partnerId()))
        {
            expect(got, status, "PARTNER_NOT_FOUND");
            return;
        }
        if (apiKeys.containsKey(c.keyId()))
        {
            expect(got, status, "INVALID_STATE");
            return;
        }
        expectOk(got, status, 200);
        apiKeys.put(c.keyId(), false);
        field(got, "keyId", c.keyId());
        claim("CREATE_KEY", c.requestId(), c, got);
    }

    private void revokeKey(final Commands.RevokeKey c, final Map<String, Object> got, final int status)
    {
        if (!apiKeys.containsKey(c.keyId()))
        {
            expect(got, status, "KEY_NOT_FOUND");
            return;
        }
        expectOk(got, status, 200);
        apiKeys.put(c.keyId(), true);
    }

    // -----------------------------------------------------------------------------------------------------
    // Members
    // -----------------------------------------------------------------------------------------------------

    /** The member a reference names as the caller sees it, or the error code in {@code error[0]}. */
    private M resolve(final String scope, final MemberRef ref, final String[] error)
    {
        if (ref.memberId() == null)
        {
            final M m = byIdentifier.get(ref.identifier());
            if (m == null || (scope != null && !scope.equals(m.home)))
            {
                error[0] = "MEMBER_NOT_FOUND";
                return null;
            }
            return m;
        }
        return resolveId(scope, ref.memberId(), error);
    }

    private M resolveId(final String scope, final String memberId, final String[] error)
    {
        final M m = memberId == null ? null : members.get(memberId);
        if (m == null || (scope != null && !scope.equals(m.home)))
        {
            error[0] = "MEMBER_NOT_FOUND";
            return null;
        }
        if (m.mergedInto != null)
        {
            error[0] = "MEMBER_MERGED";
            return null;
        }
        return m;
    }

    private void createMember(final Commands.CreateMember c, final Map<String, Object> got, final int status)
    {
        boolean invalid = badId(c.requestId());
        for (int i = 0; i < c.identifiers().size(); i++)
        {
            final String value = c.identifiers().get(i).value();
            invalid |= value.isEmpty() || value.length() > 256 || c.identifiers().subList(0, i).contains(c.identifiers().get(i));
        }
        if (c.birthday() != null)
        {
            try
            {
                LocalDate.parse(c.birthday());
            }
            catch (final DateTimeParseException ex)
            {
                invalid = true;
            }
        }
        if (invalid)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("CREATE_MEMBER", c.requestId(), c, got, status))
        {
            return;
        }
        for (final Identifier id : c.identifiers())
        {
            if (byIdentifier.containsKey(id))
            {
                expect(got, status, "IDENTIFIER_TAKEN");
                return;
            }
        }
        if (c.referrerCode() != null && !byReferralCode.containsKey(c.referrerCode()))
        {
            expect(got, status, "REFERRER_NOT_FOUND");
            return;
        }
        expectOk(got, status, 201);
        final M referrer = c.referrerCode() == null ? null : byReferralCode.get(c.referrerCode()).live();
        final M m = new M("m_" + Long.toString(++memberCounter, 36), c.scopePartnerId() == null ? "main" : c.scopePartnerId(),
            referrer == null ? null : referrer.id);
        field(got, "memberId", m.id);
        members.put(m.id, m);
        for (final Identifier id : c.identifiers())
        {
            byIdentifier.put(id, m);
        }
        byReferralCode.put((String)got.get("referralCode"), m);
        claim("CREATE_MEMBER", c.requestId(), c, got);
    }

    private void addIdentifier(final Commands.AddIdentifier c, final Map<String, Object> got, final int status)
    {
        if (badId(c.requestId()))
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("ADD_IDENTIFIER", c.requestId(), c, got, status))
        {
            return;
        }
        final Identifier id = c.identifier();
        if (id == null || id.value().isEmpty() || id.value().length() > 256)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        final String[] error = new String[1];
        final M m = resolveId(c.scopePartnerId(), c.memberId(), error);
        if (m == null)
        {
            expect(got, status, error[0]);
            return;
        }
        final M owner = byIdentifier.get(id);
        if (owner != null && owner != m)
        {
            expect(got, status, "IDENTIFIER_TAKEN");
            return;
        }
        expectOk(got, status, 200);
        byIdentifier.put(id, m);
        balance(got, "balance", m);
        claim("ADD_IDENTIFIER", c.requestId(), c, got);
    }

    private void merge(final Commands.MergeMembers c, final Map<String, Object> got, final int status)
    {
        if (badId(c.requestId()))
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("MERGE_MEMBERS", c.requestId(), c, got, status))
        {
            return;
        }
        final M target = members.get(c.targetMemberId());
        final M source = members.get(c.sourceMemberId());
        if (target == null || source == null)
        {
            expect(got, status, "MEMBER_NOT_FOUND");
            return;
        }
        if (target == source || target.mergedInto != null || source.mergedInto != null)
        {
            expect(got, status, "INVALID_STATE");
            return;
        }
        expectOk(got, status, 200);
        target.held += source.held;
        target.debt += source.debt;
        target.purchases += source.purchases;
        source.held = 0;
        source.debt = 0;
        source.purchases = 0;
        for (final Lot lot : source.lots)
        {
            lot.owner = target;
        }
        target.lots.addAll(source.lots);
        source.lots.clear();
        if (target.debt > 0)
        {
            target.debt = take(target, target.debt);
        }
        target.ledger.addAll(source.ledger);
        target.ledger.sort(Comparator.comparingLong(Entry::seq));
        source.ledger.clear();
        for (final Map.Entry<Identifier, M> e : byIdentifier.entrySet())
        {
            if (e.getValue() == source)
            {
                e.setValue(target);
            }
        }
        source.mergedInto = target;
        balance(got, "balance", target);
        claim("MERGE_MEMBERS", c.requestId(), c, got);
    }

    private void adjust(final Commands.AdjustPoints c, final Map<String, Object> got, final int status)
    {
        if (badId(c.requestId()) || c.points() == 0 || c.points() == Long.MIN_VALUE)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        if (replayed("ADJUST_POINTS", c.requestId(), c, got, status))
        {
            return;
        }
        final String[] error = new String[1];
        final M m = resolveId(null, c.memberId(), error);
        if (m == null)
        {
            expect(got, status, error[0]);
            return;
        }
        if (c.points() < 0 && m.available() < -c.points())
        {
            expect(got, status, "INSUFFICIENT_POINTS");
            return;
        }
        expectOk(got, status, 200);
        if (c.points() > 0)
        {
            creditNew(m, LedgerType.ADJUST, c.points(), null);
        }
        else
        {
            if (take(m, -c.points()) != 0)
            {
                throw new AssertionError("model: available did not cover the adjustment");
            }
            post(m, LedgerType.ADJUST, c.points(), 0, null);
        }
        balance(got, "balance", m);
        claim("ADJUST_POINTS", c.requestId(), c, got);
    }

    private void getMember(final Commands.GetMember c, final Map<String, Object> got, final int status)
    {
        final String[] error = new String[1];
        final M m = resolve(c.scopePartnerId(), c.member(), error);
        expect(got, status, m == null ? error[0] : null);
        if (m != null)
        {
            field(got, "memberId", m.id);
            balance(got, "balance", m);
        }
    }

    private void getLedger(final Commands.GetLedger c, final Map<String, Object> got, final int status)
    {
        if (c.limit() < 1 || c.limit() > 1000)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        final String[] error = new String[1];
        final M m = resolveId(c.scopePartnerId(), c.memberId(), error);
        expect(got, status, m == null ? error[0] : null);
        if (m != null)
        {
            final List<?> entries = (List<?>)got.get("entries");
            final int n = Math.min(c.limit(), m.ledger.size());
            if (entries.size() != n)
            {
                throw new AssertionError("ledger page of " + m.id + ": model " + n + " entries, logic " + entries.size());
            }
            for (int i = 0; i < n; i++)
            {
                final Entry e = m.ledger.get(m.ledger.size() - 1 - i);
                @SuppressWarnings("unchecked")
                final Map<String, Object> shown = (Map<String, Object>)entries.get(i);
                field(shown, "type", e.type().name());
                field(shown, "points", e.points());
                field(shown, "txId", e.txId());
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Purchases
    // -----------------------------------------------------------------------------------------------------

    private static boolean requestInvalid(final PurchaseRequest r)
    {
        if (badId(r.storeId()) || r.lines().isEmpty() || r.lines().size() > 200 || r.redeemPoints() < 0)
        {
            return true;
        }
        for (final Line l : r.lines())
        {
            if (badId(l.sku()) || l.qty() < 1 || l.qty() > 100_000 || l.unitPrice() < 0 || l.unitPrice() > 100_000_000_000L)
            {
                return true;
            }
        }
        if (r.occurredAt() != null)
        {
            try
            {
                OffsetDateTime.parse(r.occurredAt());
            }
            catch (final DateTimeParseException ex)
            {
                return true;
            }
        }
        return false;
    }

    /** The first error of the checks before the idempotency key (400, 404 store, 403 store of another partner). */
    private String checkRequest(final String scope, final PurchaseRequest r)
    {
        if (requestInvalid(r))
        {
            return "INVALID_REQUEST";
        }
        final String partner = storePartner.get(r.storeId());
        if (partner == null)
        {
            return "STORE_NOT_FOUND";
        }
        if (scope != null && !scope.equals(partner))
        {
            return "FORBIDDEN";
        }
        return null;
    }

    /**
     * Prices the request for the member (null: anonymous), with the line discounts and promotion points of the
     * logic's answer when trusting promotions (else none).
     */
    private Priced price(final PurchaseRequest r, final M m, final Map<String, Object> got)
    {
        final int n = r.lines().size();
        final long[] amount = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            amount[i] = r.lines().get(i).qty() * r.lines().get(i).unitPrice();
            total += amount[i];
        }
        if (total > 10_000_000_000_000L)
        {
            return new Priced("INVALID_REQUEST", 0, 0, null, null, null, null, 0, 0, 0, 0);
        }
        final long[] lineDiscount = new long[n];
        long discount = 0;
        long promotionPoints = 0;
        final boolean answered = got.get("error") == null;
        if (trustPromotions && answered)
        {
            final List<?> lines = (List<?>)got.get("lines");
            for (int i = 0; i < n; i++)
            {
                lineDiscount[i] = (Long)((Map<?, ?>)lines.get(i)).get("discount");
                discount += lineDiscount[i];
            }
            for (final Object promotion : (List<?>)got.get("promotions"))
            {
                promotionPoints += (Long)((Map<?, ?>)promotion).get("points");
            }
            field(got, "discount", discount);
        }
        final long available = m == null ? 0 : Math.max(m.available(), 0);
        final long base = total - discount;
        final long cap = Math.min(base * shareBp / 10_000, base) / pointValue;
        final long maxRedeemable = Math.min(available, cap);
        final long redeemed;
        if (r.redeemMax())
        {
            redeemed = maxRedeemable;
        }
        else if (r.redeemPoints() > available)
        {
            return new Priced("INSUFFICIENT_POINTS", 0, 0, null, null, null, null, 0, 0, 0, 0);
        }
        else if (r.redeemPoints() > maxRedeemable)
        {
            return new Priced("REDEEM_LIMIT_EXCEEDED", 0, 0, null, null, null, null, 0, 0, 0, 0);
        }
        else
        {
            redeemed = r.redeemPoints();
        }
        final long[] left = new long[n];
        for (int i = 0; i < n; i++)
        {
            left[i] = amount[i] - lineDiscount[i];
        }
        final long[] pointsPaid = spread(redeemed * pointValue, left);
        final long[] paid = new long[n];
        long basis = 0;
        for (int i = 0; i < n; i++)
        {
            paid[i] = left[i] - pointsPaid[i];
            basis += earnOnTotal ? amount[i] : paid[i];
        }
        final long toEarn = m == null ? 0 : floorDiv(basis, baseEarnBp, 10_000 * pointValue) + promotionPoints;
        return new Priced(null, total, discount, amount, lineDiscount, pointsPaid, paid, maxRedeemable, redeemed,
            base - redeemed * pointValue, toEarn);
    }

    private static long floorDiv(final long a, final long b, final long c)
    {
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    /** Largest remainder: floors of the proportional shares, the units left to the largest remainders (ties: earlier). */
    static long[] spread(final long amount, final long[] weights)
    {
        final int n = weights.length;
        final long[] shares = new long[n];
        long totalWeight = 0;
        for (final long w : weights)
        {
            totalWeight += w;
        }
        if (amount == 0 || totalWeight == 0)
        {
            return shares;
        }
        final long[] remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++)
        {
            final BigInteger[] qr = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(weights[i]))
                .divideAndRemainder(BigInteger.valueOf(totalWeight));
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1].longValueExact();
            given += shares[i];
        }
        for (long left = amount - given; left > 0; left--)
        {
            int best = -1;
            for (int i = 0; i < n; i++)
            {
                if (remainders[i] >= 0 && (best < 0 || remainders[i] > remainders[best]))
                {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
        }
        return shares;
    }

    private void checkPriced(final Map<String, Object> got, final Priced q, final M m)
    {
        field(got, "memberId", m == null ? null : m.id);
        field(got, "total", q.total());
        field(got, "discount", q.discount());
        field(got, "pointsRedeemed", q.redeemed());
        field(got, "payable", q.payable());
        field(got, "pointsToEarn", q.toEarn());
        field(got, "maxRedeemable", q.maxRedeemable());
        for (int i = 0; i < q.amount().length; i++)
        {
            field(got, "lines." + i + ".amount", q.amount()[i]);
            field(got, "lines." + i + ".discount", q.lineDiscount()[i]);
            field(got, "lines." + i + ".pointsPaid", q.pointsPaid()[i]);
            field(got, "lines." + i + ".paid", q.paid()[i]);
        }
        if (!trustPromotions && !((List<?>)got.get("promotions")).isEmpty())
        {
            throw new AssertionError("no promotion exists, yet " + got.get("promotions") + " applied");
        }
    }

    /** Resolves the member and prices; returns the error code or null, the quote in {@code out}. */
    private String quote(final String scope, final PurchaseRequest r, final boolean checkHolds,
        final Map<String, Object> got, final Object[] out)
    {
        M m = null;
        if (r.member() != null)
        {
            final String[] error = new String[1];
            m = resolve(scope, r.member(), error);
            if (m == null)
            {
                return error[0];
            }
            if (checkHolds && openAuthorizations(m) >= maxOpenHolds)
            {
                return "TOO_MANY_HOLDS";
            }
        }
        else if (!r.redeemMax() && r.redeemPoints() > 0)
        {
            return "INSUFFICIENT_POINTS";
        }
        final Priced q = price(r, m, got);
        if (q.error() != null)
        {
            return q.error();
        }
        out[0] = m;
        out[1] = q;
        return null;
    }

    private void purchase(final String op, final String scope, final PurchaseRequest r, final Command c,
        final Map<String, Object> got, final int status)
    {
        if (r == null || badId(r.txId()))
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        final String bad = checkRequest(scope, r);
        if (bad != null)
        {
            expect(got, status, bad);
            return;
        }
        final P existing = purchases.get(r.txId());
        if (existing != null)
        {
            if (existing.origin.equals(op) && existing.originCommand.sameBody(c))
            {
                sameAnswer(existing.firstAnswer, got);
            }
            else
            {
                expect(got, status, "IDEMPOTENCY_CONFLICT");
            }
            return;
        }
        final Object[] out = new Object[2];
        final String rejected = quote(scope, r, "AUTHORIZE".equals(op), got, out);
        if (trustPromotions && "REDEEM_LIMIT_EXCEEDED".equals(codeOf(got)) &&
            (rejected == null || "REDEEM_LIMIT_EXCEEDED".equals(rejected)))
        {
            if (r.redeemMax() || r.redeemPoints() == 0)
            {
                throw new AssertionError("a redemption within any cap was refused: " + got);
            }
            return;
        }
        if (rejected != null)
        {
            expect(got, status, rejected);
            return;
        }
        expectOk(got, status, 200);
        final M m = (M)out[0];
        final Priced q = (Priced)out[1];
        checkPriced(got, q, m);
        final P p = new P();
        p.txId = r.txId();
        p.origin = op;
        p.originCommand = c;
        p.firstAnswer = got;
        p.partner = storePartner.get(r.storeId());
        p.member = m;
        p.lines = r.lines();
        p.amount = q.amount();
        p.discount = q.lineDiscount();
        p.pointsPaid = q.pointsPaid();
        p.paid = q.paid();
        p.total = q.total();
        p.redeemed = q.redeemed();
        p.toEarn = q.toEarn();
        p.refunded = new long[p.lines.size()];
        p.zeroPriceRefundedQty = new long[p.lines.size()];
        purchases.put(p.txId, p);
        if ("AUTHORIZE".equals(op))
        {
            p.status = "AUTHORIZED";
            if (m != null)
            {
                p.hold = hold(m, p.redeemed, p.txId);
            }
            final long expiresAt = now + holdSeconds * 1000;
            schedule(expiresAt, Kind.HOLD_TIMEOUT, p, null);
            field(got, "status", "AUTHORIZED");
            field(got, "holdExpiresAt", Times.iso(expiresAt));
        }
        else
        {
            if (m != null && p.redeemed > 0)
            {
                if (take(m, p.redeemed) != 0)
                {
                    throw new AssertionError("model: available did not cover the redemption");
                }
                post(m, LedgerType.REDEEM, -p.redeemed, 0, p.txId);
            }
            book(p, m);
            field(got, "status", "CAPTURED");
            field(got, "pointsEarned", p.earned);
            p.bookedBalance = m == null ? null : new long[] {m.available(), m.pending(), m.held};
        }
        if (m != null)
        {
            balance(got, "balance", m);
        }
    }

    private static String codeOf(final Map<String, Object> got)
    {
        return got.get("error") instanceof Map<?, ?> e ? (String)e.get("code") : null;
    }

    /**
     * Books a captured purchase: its earned lot, and on the member's first captured purchase (merges count) the
     * referral (API.md): the referrer, if it is not by now the member itself, then the member, each a REFERRAL.
     */
    private void book(final P p, final M m)
    {
        p.earned = p.toEarn;
        if (m != null && p.earned > 0)
        {
            p.earnedLot = earn(m, p.earned, p.txId);
        }
        if (m != null)
        {
            if (m.purchases++ == 0 && m.referrerId != null)
            {
                final M referrer = members.get(m.referrerId).live();
                if (referrer != m)
                {
                    if (referrerPoints > 0)
                    {
                        creditNew(referrer, LedgerType.REFERRAL, referrerPoints, p.txId);
                    }
                    if (refereePoints > 0)
                    {
                        creditNew(m, LedgerType.REFERRAL, refereePoints, p.txId);
                    }
                }
            }
        }
        p.status = "CAPTURED";
    }

    private void calculate(final Commands.Calculate c, final Map<String, Object> got, final int status)
    {
        final PurchaseRequest r = c.request();
        String bad = checkRequest(c.scopePartnerId(), r);
        final Object[] out = new Object[2];
        if (bad == null)
        {
            bad = quote(c.scopePartnerId(), r, false, got, out);
        }
        if (trustPromotions && "REDEEM_LIMIT_EXCEEDED".equals(codeOf(got)) && (bad == null || "REDEEM_LIMIT_EXCEEDED".equals(bad)))
        {
            return;
        }
        expect(got, status, bad);
        if (bad == null)
        {
            checkPriced(got, (Priced)out[1], (M)out[0]);
            field(got, "status", "CALCULATED");
        }
    }

    private P visible(final String scope, final String txId)
    {
        final P p = txId == null ? null : purchases.get(txId);
        return p == null || (scope != null && !scope.equals(p.partner)) ? null : p;
    }

    private void capture(final Commands.Capture c, final Map<String, Object> got, final int status)
    {
        final P p = visible(c.scopePartnerId(), c.txId());
        if (p == null)
        {
            expect(got, status, "PURCHASE_NOT_FOUND");
            return;
        }
        if (p.captureAnswer != null)
        {
            sameAnswer(p.captureAnswer, got);
            return;
        }
        if (p.status.equals("CAPTURED") || p.status.endsWith("REFUNDED"))
        {
            // a one-shot purchase: its capture answer is the one the logic made when it was booked
            expectOk(got, status, 200);
            field(got, "status", "CAPTURED");
            field(got, "pointsEarned", p.earned);
            if (p.bookedBalance != null)
            {
                field(got, "balance.available", p.bookedBalance[0]);
                field(got, "balance.pending", p.bookedBalance[1]);
                field(got, "balance.held", p.bookedBalance[2]);
            }
            p.captureAnswer = got;
            return;
        }
        if (!"AUTHORIZED".equals(p.status))
        {
            expect(got, status, "INVALID_STATE");
            return;
        }
        expectOk(got, status, 200);
        final M m = p.member == null ? null : p.member.live();
        if (m != null)
        {
            redeemHeld(m, p.hold, p.txId);
        }
        p.hold = List.of();
        book(p, m);
        field(got, "status", "CAPTURED");
        field(got, "pointsEarned", p.earned);
        field(got, "pointsRedeemed", p.redeemed);
        if (m != null)
        {
            balance(got, "balance", m);
        }
        p.captureAnswer = got;
    }

    private void voidPurchase(final Commands.VoidPurchase c, final Map<String, Object> got, final int status)
    {
        final P p = visible(c.scopePartnerId(), c.txId());
        if (p == null)
        {
            expect(got, status, "PURCHASE_NOT_FOUND");
            return;
        }
        if (p.voidAnswer != null)
        {
            sameAnswer(p.voidAnswer, got);
            return;
        }
        if (!"AUTHORIZED".equals(p.status))
        {
            expect(got, status, "INVALID_STATE");
            return;
        }
        expectOk(got, status, 200);
        closeAuthorization(p);
        p.status = "VOIDED";
        field(got, "status", "VOIDED");
        if (p.member != null)
        {
            balance(got, "balance", p.member.live());
        }
        p.voidAnswer = got;
    }

    private void getPurchase(final Commands.GetPurchase c, final Map<String, Object> got, final int status)
    {
        final P p = visible(c.scopePartnerId(), c.txId());
        expect(got, status, p == null ? "PURCHASE_NOT_FOUND" : null);
        if (p != null)
        {
            field(got, "status", p.status);
            field(got, "total", p.total);
            field(got, "pointsRedeemed", p.redeemed);
            if (p.member != null)
            {
                balance(got, "balance", p.member.live());
            }
            if (p.status.endsWith("REFUNDED"))
            {
                field(got, "refunded.amount", p.cumulativeAmount);
                field(got, "refunded.pointsReversed", p.cumulativeReversed);
                field(got, "refunded.pointsReturned", p.cumulativeReturned);
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Refunds
    // -----------------------------------------------------------------------------------------------------

    private void refund(final Commands.Refund c, final Map<String, Object> got, final int status)
    {
        try
        {
            refund0(c, got, status);
        }
        catch (final AssertionError e)
        {
            final P p = purchases.get(c.txId());
            throw new AssertionError(e.getMessage() + (p == null ? "" : "; the purchase: " + p.status + " lines " +
                p.lines + " refunded " + java.util.Arrays.toString(p.refunded) + " paid " +
                java.util.Arrays.toString(p.paid) + " earned " + p.earned + " redeemed " + p.redeemed), e);
        }
    }

    private void refund0(final Commands.Refund c, final Map<String, Object> got, final int status)
    {
        boolean invalid = badId(c.refundId()) || c.lines().isEmpty() == (c.amount() < 0) ||
            (c.lines().isEmpty() && c.amount() == 0);
        for (final RefundLine l : c.lines())
        {
            invalid |= badId(l.sku()) || l.qty() < 1 || l.qty() > 100_000;
        }
        if (invalid)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        final Claimed prior = refunds.get(c.refundId());
        if (prior != null)
        {
            if (prior.command().sameBody(c))
            {
                sameAnswer(prior.answer(), got);
            }
            else
            {
                expect(got, status, "IDEMPOTENCY_CONFLICT");
            }
            return;
        }
        final P p = visible(c.scopePartnerId(), c.txId());
        if (p == null)
        {
            expect(got, status, "PURCHASE_NOT_FOUND");
            return;
        }
        if (!p.status.equals("CAPTURED") && !p.status.endsWith("REFUNDED"))
        {
            expect(got, status, "INVALID_STATE");
            return;
        }
        final int n = p.lines.size();
        final long[] refunded = p.refunded.clone();
        final long[] zeroQty = p.zeroPriceRefundedQty.clone();
        if (!c.lines().isEmpty())
        {
            for (final RefundLine want : c.lines())
            {
                long wanted = want.qty();
                boolean found = false;
                for (int i = 0; i < n && wanted > 0; i++)
                {
                    final Line line = p.lines.get(i);
                    if (line.sku().equals(want.sku()))
                    {
                        found = true;
                        final long unitsLeft = line.unitPrice() == 0 ? line.qty() - zeroQty[i] :
                            (p.amount[i] - refunded[i]) / line.unitPrice();
                        final long t = Math.min(wanted, unitsLeft);
                        refunded[i] += t * line.unitPrice();
                        if (line.unitPrice() == 0)
                        {
                            zeroQty[i] += t;
                        }
                        wanted -= t;
                    }
                }
                if (!found)
                {
                    expect(got, status, "INVALID_REQUEST");
                    return;
                }
                if (wanted > 0)
                {
                    expect(got, status, "REFUND_EXCEEDS_PURCHASE");
                    return;
                }
            }
        }
        else
        {
            final long[] left = new long[n];
            long leftSum = 0;
            for (int i = 0; i < n; i++)
            {
                left[i] = p.amount[i] - refunded[i];
                leftSum += left[i];
            }
            if (c.amount() > leftSum)
            {
                expect(got, status, "REFUND_EXCEEDS_PURCHASE");
                return;
            }
            final long[] shares = spread(c.amount(), left);
            for (int i = 0; i < n; i++)
            {
                refunded[i] += shares[i];
                if (p.lines.get(i).unitPrice() == 0 && c.amount() > 0)
                {
                    // a line priced 0 has no amount to refund by amount
                }
            }
        }
        long cumulativeAmount = 0;
        for (final long r : refunded)
        {
            cumulativeAmount += r;
        }
        boolean allQuantity = true;
        for (int i = 0; i < n; i++)
        {
            final Line line = p.lines.get(i);
            final long refundedQty = line.unitPrice() == 0 ? zeroQty[i] : line.qty() - (p.amount[i] - refunded[i]) / line.unitPrice();
            allQuantity &= refundedQty == line.qty();
        }
        final boolean full = p.total > 0 ? cumulativeAmount == p.total : allQuantity;
        long paidSum = 0;
        long pointsPaidSum = 0;
        long refundedPaid = 0;
        long refundedPointsPaid = 0;
        for (int i = 0; i < n; i++)
        {
            final Line line = p.lines.get(i);
            final boolean lineFull = line.unitPrice() == 0 ? zeroQty[i] == line.qty() : refunded[i] == p.amount[i];
            paidSum += p.paid[i];
            pointsPaidSum += p.pointsPaid[i];
            refundedPaid += p.amount[i] == 0 ? (lineFull ? p.paid[i] : 0) : floorDiv(p.paid[i], refunded[i], p.amount[i]);
            refundedPointsPaid += p.amount[i] == 0 ? (lineFull ? p.pointsPaid[i] : 0) :
                floorDiv(p.pointsPaid[i], refunded[i], p.amount[i]);
        }
        final long reversed = paidSum == 0 ? (full ? p.earned : 0) : floorDiv(p.earned, refundedPaid, paidSum);
        final long returned = pointsPaidSum == 0 ? (full ? p.redeemed : 0) :
            floorDiv(p.redeemed, refundedPointsPaid, pointsPaidSum);
        expectOk(got, status, 200);
        final long thisAmount = cumulativeAmount - p.cumulativeAmount;
        final long thisReversed = reversed - p.cumulativeReversed;
        final long thisReturned = returned - p.cumulativeReturned;
        final M m = p.member == null ? null : p.member.live();
        if (m != null)
        {
            if (thisReversed > 0)
            {
                reverse(m, p.earnedLot, thisReversed, p.txId);
            }
            if (thisReturned > 0)
            {
                creditNew(m, LedgerType.REVERSE, thisReturned, p.txId);
            }
        }
        p.refunded = refunded;
        p.zeroPriceRefundedQty = zeroQty;
        p.cumulativeAmount = cumulativeAmount;
        p.cumulativeReversed = reversed;
        p.cumulativeReturned = returned;
        p.status = full ? "REFUNDED" : "PARTIALLY_REFUNDED";
        field(got, "status", p.status);
        field(got, "amount", thisAmount);
        field(got, "pointsReversed", thisReversed);
        field(got, "pointsReturned", thisReturned);
        field(got, "refunded.amount", cumulativeAmount);
        if (m != null)
        {
            balance(got, "balance", m);
        }
        refunds.put(c.refundId(), new Claimed(c, got));
    }

    private void reverse(final M m, final Lot own, final long n, final String txId)
    {
        long need = n;
        if (own != null && own.owner == m && !own.expired && own.remaining > 0)
        {
            final long t = Math.min(need, own.remaining);
            own.remaining -= t;
            need -= t;
        }
        m.debt += take(m, need);
        post(m, LedgerType.REVERSE, -n, 0, txId);
    }

    // -----------------------------------------------------------------------------------------------------
    // Activities
    // -----------------------------------------------------------------------------------------------------

    private void activity(final Commands.RecordActivity c, final Map<String, Object> got, final int status)
    {
        boolean invalid = badId(c.requestId()) || c.member() == null || !upperSnake(c.activityType()) ||
            badId(c.storeId()) || c.attributes().size() > 50;
        if (c.occurredAt() != null)
        {
            try
            {
                OffsetDateTime.parse(c.occurredAt());
            }
            catch (final DateTimeParseException ex)
            {
                invalid = true;
            }
        }
        if (invalid)
        {
            expect(got, status, "INVALID_REQUEST");
            return;
        }
        final String partner = storePartner.get(c.storeId());
        if (partner == null)
        {
            expect(got, status, "STORE_NOT_FOUND");
            return;
        }
        if (c.scopePartnerId() != null && !c.scopePartnerId().equals(partner))
        {
            expect(got, status, "FORBIDDEN");
            return;
        }
        if (replayed("RECORD_ACTIVITY", c.requestId(), c, got, status))
        {
            return;
        }
        final String[] error = new String[1];
        final M m = resolve(c.scopePartnerId(), c.member(), error);
        if (m == null)
        {
            expect(got, status, error[0]);
            return;
        }
        expectOk(got, status, 200);
        final long points = (Long)got.get("pointsEarned");
        if (!trustPromotions && points != 0)
        {
            throw new AssertionError("no activity rule exists, yet the activity earned " + got);
        }
        if (points > 0)
        {
            creditNew(m, LedgerType.ACTIVITY, points, null);
        }
        field(got, "memberId", m.id);
        balance(got, "balance", m);
        claim("RECORD_ACTIVITY", c.requestId(), c, got);
    }

    private static boolean upperSnake(final String word)
    {
        return word != null && word.matches("[A-Z][A-Z0-9_]{0,63}");
    }

    // -----------------------------------------------------------------------------------------------------
    // Comparing whole states
    // -----------------------------------------------------------------------------------------------------

    /** Every member's buckets and ledger length, and every purchase's status, against the logic's state. */
    void compareState(final BusinessLogic logic, final boolean ledgers)
    {
        final Map<String, Member> real = logic.members();
        if (real.size() != members.size())
        {
            throw new AssertionError("members: model " + members.size() + ", logic " + real.size());
        }
        for (final M m : members.values())
        {
            final Member r = real.get(m.id);
            if (r == null || r.available != m.available() || r.pending != m.pending() || r.held != m.held ||
                r.ledger.size() != m.ledger.size() || (r.mergedInto == null) != (m.mergedInto == null))
            {
                throw new AssertionError(m.id + ": model available " + m.available() + " pending " + m.pending() +
                    " held " + m.held + " ledger " + m.ledger.size() + (m.mergedInto == null ? "" : " merged") +
                    "; logic " + (r == null ? "none" : "available " + r.available + " pending " + r.pending +
                    " held " + r.held + " ledger " + r.ledger.size() + (r.mergedInto == null ? "" : " merged")));
            }
            if (ledgers)
            {
                for (int i = 0; i < m.ledger.size(); i++)
                {
                    final Entry e = m.ledger.get(i);
                    final LedgerEntry g = r.ledger.get(i);
                    if (e.type() != g.type() || e.points() != g.points() || e.moved() != g.moved() ||
                        !Objects.equals(e.txId(), g.txId()) || e.at() != g.atMillis())
                    {
                        throw new AssertionError(m.id + " ledger[" + i + "]: model " + e + ", logic " + g);
                    }
                }
            }
        }
        final PurchaseIndex realPurchases = logic.purchases();
        if (realPurchases.size() != purchases.size())
        {
            throw new AssertionError("purchases: model " + purchases.size() + ", logic " + realPurchases.size());
        }
        if (ledgers)
        {
            for (final P p : purchases.values())
            {
                final Purchase r = realPurchases.get(p.txId);
                if (r == null || !r.status.name().equals(p.status))
                {
                    throw new AssertionError(p.txId + ": model " + p.status + ", logic " + (r == null ? "none" : r.status));
                }
            }
        }
    }

    /** The zero-sum of the model's ledgers: every member's buckets sum to its ledger. */
    List<String> ownInvariants()
    {
        final List<String> violations = new ArrayList<>();
        for (final M m : members.values())
        {
            long sum = 0;
            for (final Entry e : m.ledger)
            {
                sum += e.points();
            }
            if (sum != m.available() + m.pending() + m.held)
            {
                violations.add("model " + m.id + ": ledger " + sum + " != buckets");
            }
        }
        return violations;
    }
}
