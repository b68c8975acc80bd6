package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKey;
import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.pricing.AppliedPromotion;
import dev.loyalty.engine.pricing.LinePrice;
import dev.loyalty.engine.pricing.PricedCheque;
import dev.loyalty.engine.pricing.ProgramSettings;
import dev.loyalty.engine.promotion.CouponResult;
import dev.loyalty.engine.promotion.CouponStatus;
import dev.loyalty.engine.promotion.PromotionCharge;
import dev.loyalty.engine.promotion.Promotions;
import dev.loyalty.engine.reply.KeyCreatedReply;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotSource;
import dev.loyalty.engine.snapshot.SnapshotWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the business logic's own state for a snapshot, in sections: {@link #CORE} (engine time,
 * counters and running totals, program, partners, stores, API keys), the promotions' section (written by
 * {@link Promotions}), the gamification section ({@link GamificationSnapshot}: tiers, achievements,
 * leaderboards), {@link #MEMBERS} (identifiers, attributes, balances, lots, ledger, statistics, promotion
 * uses, tier history and window, achievement progress), {@link #PURCHASES} (the request, pricing, charges, coupon answers, hold, earned lot, refunds and the
 * first answers), {@link #DUE_WORK} (hold timeouts, activations, expiries, tier windows, board periods) and {@link #KEYS} (every idempotency
 * key with its first command and answer; those of member creation as {@link MemberCreations} keeps them, as
 * bytes). Maps are written in their iteration order and read back into the same
 * order; lookups derived from them (members by identifier and by referral code, the promotion index, the API keys
 * the gateway reads, the next due time) are rebuilt.
 * <p>
 * References between objects are written as what names them: a member by its number, a lot by its owner's
 * number and its place in the owner's lots (or whole, for a purchase's earned lot that no longer holds points),
 * a purchase by its txId, a promotion and a coupon by id. A reply is written as its fields, dispatched by the
 * command type whose idempotency keys keep it (each keeps one kind of answer), and re-renders byte for byte.
 * State the snapshot does not know how to write (an answer of a new kind) throws when written, so that a
 * snapshot is never written without it.
 */
final class LogicSnapshot
{
    static final int CORE = 10;
    static final int MEMBERS = 30;
    static final int PURCHASES = 40;
    static final int DUE_WORK = 50;
    static final int KEYS = 60;
    static final int MEMBER_CREATIONS = 28;
    static final int MEMBER_INDEX = 70;

    private static final IdentifierType[] IDENTIFIER_TYPES = IdentifierType.values();
    private static final LedgerType[] LEDGER_TYPES = LedgerType.values();
    private static final Channel[] CHANNELS = Channel.values();
    private static final PurchaseStatus[] PURCHASE_STATUSES = PurchaseStatus.values();
    private static final CouponStatus[] COUPON_STATUSES = CouponStatus.values();
    private static final DueWork.Kind[] DUE_KINDS = DueWork.Kind.values();
    private static final KeyRole[] KEY_ROLES = KeyRole.values();
    private static final EarnOn[] EARN_ON = EarnOn.values();

    private static final int NO_LOT = 0;
    private static final int LOT_IN_LIST = 1;
    private static final int LOT_DETACHED = 2;

    /** {@code -Dloyalty.snapshot.timing=true}: print how long each section of a snapshot load took. */
    static final boolean TIMING = Boolean.getBoolean("loyalty.snapshot.timing");

    private final BusinessLogic logic;
    /** While loading, and after for the purchases left in the file: what waits for members to be decoded. */
    private final PendingLinks links = new PendingLinks();
    /** Purchases made at a store as it still is share the store; others share one copy of what they need. */
    private final Map<Store, Store> pastStores = new HashMap<>();
    /** What {@link #lotOwners} found. */
    private int[] lotOwners = new int[4];
    /** Written with the members, stored after everything else ({@link #writeMemberIndex}): where each record starts. */
    private long[] memberStarts;
    /** Written with the members, stored after everything else: every member's identifiers by hash. */
    private HashSlots memberIdentifiers;

    private LogicSnapshot(final BusinessLogic logic)
    {
        this.logic = logic;
    }

    static void write(final BusinessLogic logic, final SnapshotWriter out)
    {
        final LogicSnapshot s = new LogicSnapshot(logic);
        s.writeCore(out);
        logic.promotions().writeSnapshot(out);
        GamificationSnapshot.write(logic.gamification(), out);
        s.writeMemberCreations(out);
        s.writeMembers(out);
        s.writePurchases(out);
        s.writeDueWork(out);
        s.writeKeys(out);
        s.writeMemberIndex(out);
    }

    static BusinessLogic read(final SnapshotReader in, final ApiKeys apiKeys, final int maxOpenHoldsPerMember)
    {
        in.beginSection(CORE);
        final int members = in.getCount(12);
        final int purchases = in.getCount(20);
        final BusinessLogic logic = new BusinessLogic(apiKeys, maxOpenHoldsPerMember, members, purchases);
        final LogicSnapshot s = new LogicSnapshot(logic);
        final long t0 = System.nanoTime();
        s.readCore(in);
        logic.promotions().readSnapshot(in);
        GamificationSnapshot.read(logic.gamification(), in);
        final MemberCreationsLoad creations = s.startMemberCreations(in);
        final long t1 = System.nanoTime();
        s.readMembers(in);
        final long t2 = System.nanoTime();
        s.readPurchases(in);
        final long t3 = System.nanoTime();
        s.readDueWork(in);
        final long t4 = System.nanoTime();
        s.readKeys(in);
        s.skipMemberIndex(in);
        creations.finish();
        final long t5 = System.nanoTime();
        logic.restored();
        if (TIMING)
        {
            System.out.printf("snapshot sections: core %,d ms, members %,d ms, purchases %,d ms, due work %,d ms, " +
                "keys %,d ms; %,d of %,d members decoded in %,d ms, %,d of %,d purchases; due work waiting for " +
                "%,d members%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000,
                members - logic.members().undecodedCount(), members,
                logic.members().undecoded() == null ? -1 : logic.members().undecoded().decodeNanos() / 1_000_000,
                purchases - logic.purchases().undecodedCount(), purchases, s.links.membersAwaited());
        }
        return logic;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Core: time, counters, program, partners, stores, API keys
    // ---------------------------------------------------------------------------------------------------------

    private void writeCore(final SnapshotWriter out)
    {
        final PointsBook book = logic.book();
        out.beginSection(CORE);
        out.putCount(logic.members().size());
        out.putCount(logic.purchases().size());
        out.putLong(logic.engineTimeMillis());
        out.putLong(logic.memberCounter());
        out.putLong(book.ledgerSeq);
        out.putLong(book.lotSeq);
        out.putLong(book.dueSeq);
        out.putLong(book.totalEarned);
        out.putLong(book.totalRedeemed);
        out.putLong(book.totalExpired);
        out.putLong(book.totalReversedOut);
        out.putLong(book.totalReturned);
        out.putLong(book.totalAdjustedIn);
        out.putLong(book.totalAdjustedOut);
        out.putLong(book.totalActivity);
        out.putLong(book.totalAchievement);
        out.putLong(book.totalReferral);
        putProgram(out, logic.program());
        out.putCount(logic.partners().size());
        for (final Partner partner : logic.partners().values())
        {
            out.putString(partner.partnerId());
            out.putString(partner.name());
        }
        out.putCount(logic.stores().size());
        for (final Store store : logic.stores().values())
        {
            putStore(out, store);
        }
        out.putCount(logic.keys().size());
        for (final ApiKey key : logic.keys().values())
        {
            out.putString(key.keyId());
            out.putEnum(key.role());
            out.putString(key.partnerId());
            out.putString(key.secretSha256Hex());
            out.putBoolean(key.revoked());
        }
        out.endSection(CORE);
    }

    private void readCore(final SnapshotReader in)
    {
        final PointsBook book = logic.book();
        final long engineTime = in.getLong();
        final long memberCounter = in.getLong();
        book.ledgerSeq = in.getLong();
        book.lotSeq = in.getLong();
        book.dueSeq = in.getLong();
        book.totalEarned = in.getLong();
        book.totalRedeemed = in.getLong();
        book.totalExpired = in.getLong();
        book.totalReversedOut = in.getLong();
        book.totalReturned = in.getLong();
        book.totalAdjustedIn = in.getLong();
        book.totalAdjustedOut = in.getLong();
        book.totalActivity = in.getLong();
        book.totalAchievement = in.getLong();
        book.totalReferral = in.getLong();
        logic.restoreScalars(getProgram(in), memberCounter, engineTime);
        final Map<String, Partner> partners = logic.partners();
        partners.clear();
        for (int i = 0, n = in.getCount(2); i < n; i++)
        {
            final Partner partner = new Partner(in.getString(), in.getString());
            partners.put(partner.partnerId(), partner);
        }
        final Map<String, Store> stores = logic.stores();
        stores.clear();
        for (int i = 0, n = in.getCount(4); i < n; i++)
        {
            final Store store = getStore(in);
            stores.put(store.storeId(), store);
        }
        for (int i = 0, n = in.getCount(5); i < n; i++)
        {
            final ApiKey key = new ApiKey(in.getString(), in.getEnum(KEY_ROLES), in.getString(), in.getString(),
                in.getBoolean());
            logic.keys().put(key.keyId(), key);
            logic.apiKeys().put(key);
        }
        in.endSection(CORE);
    }

    private static void putProgram(final SnapshotWriter out, final ProgramSettings p)
    {
        out.putLong(p.pointValueMinor());
        out.putLong(p.baseEarnBp());
        out.putEnum(p.earnOn());
        out.putLong(p.activationDelayHours());
        out.putLong(p.pointsTtlDays());
        out.putLong(p.maxRedeemShareBp());
        out.putLong(p.holdTimeoutSeconds());
        out.putLong(p.referrerPoints());
        out.putLong(p.refereePoints());
    }

    private static ProgramSettings getProgram(final SnapshotReader in)
    {
        final ProgramSettings p = new ProgramSettings(in.getLong(), in.getLong(), in.getEnum(EARN_ON), in.getLong(),
            in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        return p.equals(ProgramSettings.DEFAULTS) ? ProgramSettings.DEFAULTS : p;
    }

    private static void putStore(final SnapshotWriter out, final Store store)
    {
        out.putString(store.storeId());
        out.putString(store.partnerId());
        out.putEnum(store.channel());
        putStrings(out, store.attributes());
    }

    private static Store getStore(final SnapshotReader in)
    {
        return new Store(in.getString(), in.getString(), in.getEnum(CHANNELS),
            Collections.unmodifiableMap(getStrings(in, new LinkedHashMap<>())));
    }

    private static void putStrings(final SnapshotWriter out, final Map<String, String> map)
    {
        out.putCount(map.size());
        if (map.isEmpty())
        {
            return; // no iterator for the many empty ones
        }
        for (final Map.Entry<String, String> e : map.entrySet())
        {
            out.putString(e.getKey());
            out.putString(e.getValue());
        }
    }

    private static Map<String, String> getStrings(final SnapshotReader in, final Map<String, String> into)
    {
        for (int i = 0, n = in.getCount(2); i < n; i++)
        {
            into.put(in.getString(), in.getString());
        }
        return into;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Members
    // ---------------------------------------------------------------------------------------------------------

    /**
     * The member-creation keys ({@link MemberCreations}: about 120 bytes a member and its lookup table), before the
     * members and prefixed with their length, so that a load reads them on a thread of its own
     * ({@link #startMemberCreations}) while this one goes on with the members, purchases, due work and other keys:
     * nothing else in the snapshot refers to them.
     */
    private void writeMemberCreations(final SnapshotWriter out)
    {
        out.beginSection(MEMBER_CREATIONS);
        final MemberCreations creations = logic.memberCreations();
        out.putLongs(new long[]{creations.snapshotLength()}, 0, 1);
        final long before = out.bytesWritten();
        creations.writeSnapshot(out);
        if (out.bytesWritten() - before != creations.snapshotLength())
        {
            throw new IllegalStateException("member creations wrote " + (out.bytesWritten() - before) +
                " bytes where they said " + creations.snapshotLength());
        }
        out.endSection(MEMBER_CREATIONS);
    }

    /** Starts reading the member creations on their own thread, from a second reader; this one skips them. */
    private MemberCreationsLoad startMemberCreations(final SnapshotReader in)
    {
        in.beginSection(MEMBER_CREATIONS);
        final long[] length = new long[1];
        in.getLongs(length, 0, 1);
        final long from = in.position();
        if (length[0] < 0 || length[0] > in.remaining())
        {
            throw in.invalid("member creations of " + length[0] + " bytes with " + in.remaining() + " left");
        }
        final MemberCreationsLoad load = new MemberCreationsLoad(in.openSource(), from, from + length[0],
            logic.memberCreations(), logic.memberCounter());
        in.skipTo(from + length[0]);
        in.endSection(MEMBER_CREATIONS);
        return load;
    }

    /** {@link MemberCreations#readSnapshot} on a thread of its own; {@link #finish} joins it. */
    private static final class MemberCreationsLoad
    {
        private final java.util.concurrent.FutureTask<Void> task;
        private final SnapshotSource source;

        MemberCreationsLoad(final SnapshotSource source, final long from, final long to,
            final MemberCreations creations, final long members)
        {
            this.source = source;
            task = new java.util.concurrent.FutureTask<>(() ->
            {
                final SnapshotReader in = source.reader(from, to);
                creations.readSnapshot(in, members);
                if (in.remaining() != 0)
                {
                    throw in.invalid("member creations end " + in.remaining() + " bytes before their section");
                }
                return null;
            });
            final Thread thread = new Thread(task, "loyalty-snapshot-member-creations");
            thread.setDaemon(true);
            thread.start();
        }

        void finish()
        {
            try
            {
                task.get();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading member creations", ex);
            }
            catch (final java.util.concurrent.ExecutionException ex)
            {
                if (ex.getCause() instanceof RuntimeException runtime)
                {
                    throw runtime;
                }
                throw new IllegalStateException("member creations failed to load", ex.getCause());
            }
            finally
            {
                source.close();
            }
        }
    }

    /**
     * Members in number order, each a record ({@link SnapshotWriter#beginRecord}) that starts with its number and
     * identifiers. A member not decoded since the snapshot it came from is copied from that file as it is. Where
     * each record starts and every identifier's hash are noted on the way and stored after everything else
     * ({@link #writeMemberIndex}), so that a load reads them as two arrays instead of reading every record.
     */
    private void writeMembers(final SnapshotWriter out)
    {
        out.beginSection(MEMBERS);
        final MemberTable table = logic.members();
        final int count = table.size();
        out.putCount(count);
        final long base = out.bytesWritten();
        final long[] starts = new long[count + 1];
        final HashSlots identifiers = new HashSlots(0);
        int n = 1;
        while (n <= count)
        {
            final Member m = table.decoded(n);
            if (m == null)
            {
                int last = n;
                while (last < count && table.decoded(last + 1) == null)
                {
                    last++;
                }
                final SnapshotMembers undecoded = table.undecoded();
                if (undecoded == null)
                {
                    throw new IllegalStateException("member number " + n + " is neither decoded nor in a snapshot");
                }
                final long runStart = out.bytesWritten() - base;
                final long fileStart = undecoded.start(n);
                for (int k = n; k <= last; k++)
                {
                    starts[k - 1] = runStart + undecoded.start(k) - fileStart;
                    undecoded.identifierHashes(k, identifiers);
                }
                undecoded.copy(out, n, last);
                n = last + 1;
                continue;
            }
            // a member's ids are made from its number when it is made (Member's constructor callers), and the
            // load makes them again from the number: checking the number is enough, and builds no strings
            if (m.number != n)
            {
                throw new IllegalStateException("member " + m.memberId + " is at number " + n);
            }
            starts[n - 1] = out.bytesWritten() - base;
            final ArrayList<Identifier> ids = m.identifiers;
            for (int i = 0, size = ids.size(); i < size; i++)
            {
                identifiers.add(IdentifierIndex.hash(ids.get(i)), n);
            }
            out.beginRecord();
            putMember(out, m);
            out.endRecord();
            n++;
        }
        starts[count] = out.bytesWritten() - base;
        out.endSection(MEMBERS);
        memberStarts = starts;
        memberIdentifiers = identifiers;
    }

    /**
     * Last in the body: where each member record starts (from the first) and the identifier table
     * ({@link HashSlots#table}), then the distance from this section's start to the body's end as 8 bytes, which
     * a load reads first ({@link #readMemberIndex}).
     */
    private void writeMemberIndex(final SnapshotWriter out)
    {
        final long at = out.bytesWritten();
        out.beginSection(MEMBER_INDEX);
        final long[] starts = memberStarts;
        out.putCount(starts.length - 1);
        out.putLongs(starts, 0, starts.length);
        memberIdentifiers.finish();
        final long[] slots = memberIdentifiers.table();
        out.putCount(memberIdentifiers.size());
        out.putCount(slots.length);
        out.putLongs(slots, 0, slots.length);
        out.endSection(MEMBER_INDEX);
        out.putLongs(new long[]{out.bytesWritten() + 8 - at}, 0, 1);
        memberStarts = null;
        memberIdentifiers = null;
    }

    private static void putMember(final SnapshotWriter out, final Member m)
    {
        out.putCount(m.number);
        final ArrayList<Identifier> ids = m.identifiers;
        out.putCount(ids.size());
        for (int i = 0, n = ids.size(); i < n; i++)
        {
            out.putEnum(ids.get(i).type());
            out.putString(ids.get(i).value());
        }
        out.putString(m.homePartnerId);
        out.putString(m.referrerId);
        out.putString(m.birthday);
        out.putString(m.tier);
        out.putLong(m.available);
        out.putLong(m.pending);
        out.putLong(m.held);
        out.putLong(m.debt);
        out.putLong(m.openAuthorizations);
        out.putCount(m.mergedInto == null ? 0 : m.mergedInto.number);
        putStrings(out, m.attributes);
        out.putCount(m.lots.size());
        for (int i = 0, n = m.lots.size(); i < n; i++)
        {
            final Lot lot = m.lots.get(i);
            if (lot.owner != m)
            {
                throw new IllegalStateException("lot " + lot.lotId + " of " + m.memberId + " has another owner");
            }
            putLot(out, lot);
        }
        out.putCount(m.ledger.size());
        long seq = 0;
        long at = 0;
        for (int i = 0, n = m.ledger.size(); i < n; i++)
        {
            final LedgerEntry e = m.ledger.get(i);
            out.putLong(e.seq() - seq);
            out.putEnum(e.type());
            out.putLong(e.points());
            out.putLong(e.moved());
            out.putString(e.txId());
            out.putLong(e.atMillis() - at);
            out.putString(e.reason());
            seq = e.seq();
            at = e.atMillis();
        }
        putStats(out, m.stats);
        m.promotionUses.writeSnapshot(out);
        GamificationSnapshot.writeMember(out, m);
    }

    /**
     * The members section without reading it: where each record starts and the identifier table come from the
     * member index at the end of the body ({@link #readMemberIndex}), and the records stay in the file until a
     * member is first asked for ({@link MemberTable#byNumber}), decoded then from a second channel onto the same
     * file ({@link SnapshotSource}).
     */
    private void readMembers(final SnapshotReader in)
    {
        in.beginSection(MEMBERS);
        final int count = in.getCount(12);
        if (count != logic.memberCounter())
        {
            throw in.invalid(count + " members where the member counter is " + logic.memberCounter());
        }
        final long base = in.position();
        final long[] starts = readMemberIndex(in, count);
        for (int k = 0; k <= count; k++)
        {
            starts[k] += base;
        }
        in.skipTo(starts[count]);
        logic.members().attach(new SnapshotMembers(in.openSource(), starts), count, links);
        in.endSection(MEMBERS);
    }

    /**
     * The member index ({@link #writeMemberIndex}), read from the end of the body through a second reader:
     * loads the identifier table into the identifier index and gives where each record starts, from the first,
     * checked to run in order within what is left of the body.
     */
    private long[] readMemberIndex(final SnapshotReader in, final int count)
    {
        final long bodyEnd = in.position() + in.remaining();
        final SnapshotSource side = in.openSource();
        try
        {
            final long[] trailer = new long[1];
            if (in.remaining() < 8)
            {
                throw in.invalid("no member index: the body ends");
            }
            side.reader(bodyEnd - 8, bodyEnd).getLongs(trailer, 0, 1);
            if (trailer[0] < 8 || trailer[0] > in.remaining())
            {
                throw in.invalid("a member index " + trailer[0] + " bytes before the end, with " + in.remaining() +
                    " left");
            }
            final SnapshotReader index = side.reader(bodyEnd - trailer[0], bodyEnd - 8);
            index.beginSection(MEMBER_INDEX);
            if (index.getCount(8) != count)
            {
                throw index.invalid("a member index of another number of members than " + count);
            }
            final long[] starts = new long[count + 1];
            index.getLongs(starts, 0, count + 1);
            final long records = bodyEnd - trailer[0] - in.position();
            long previous = -1;
            for (int k = 0; k <= count; k++)
            {
                if (starts[k] <= previous || starts[k] > records || (k == 0 && starts[k] != 0))
                {
                    throw index.invalid("member record " + (k + 1) + " starts at " + starts[k] + ", after " +
                        previous + ", of " + records + " bytes");
                }
                previous = starts[k];
            }
            final int identifiers = index.getCount(0);
            final int length = index.getCount(8);
            final long[] slots = new long[length];
            index.getLongs(slots, 0, length);
            index.endSection(MEMBER_INDEX);
            if (index.remaining() != 0)
            {
                throw index.invalid("the member index ends " + index.remaining() + " bytes before the trailer");
            }
            try
            {
                logic.byIdentifier().loadSnapshot(slots, identifiers, count);
            }
            catch (final IllegalArgumentException ex)
            {
                throw index.invalid("a bad identifier table: " + ex.getMessage());
            }
            return starts;
        }
        finally
        {
            side.close();
        }
    }

    /** The main reader's end of the body: the member index and its trailer, which {@link #readMemberIndex} read. */
    private static void skipMemberIndex(final SnapshotReader in)
    {
        in.beginSection(MEMBER_INDEX);
        in.skipTo(in.position() + in.remaining());
    }

    /**
     * One member's record as {@link #putMember} wrote it, {@code in} bounded by the record: the member, with the
     * number of the member it was merged into (0: none) in {@code mergedInto[0]} for the caller to resolve.
     */
    static Member readMember(final SnapshotReader in, final int expectedNumber, final long[] mergedInto)
    {
        in.getUnsigned();
        final long number = in.getUnsigned();
        if (number != expectedNumber)
        {
            throw in.invalid("member number " + number + " where " + expectedNumber + " was asked for");
        }
        final int idCount = in.getCount(2);
        final Identifier[] ids = new Identifier[idCount];
        for (int k = 0; k < idCount; k++)
        {
            final IdentifierType type = in.getEnum(IDENTIFIER_TYPES);
            final String value = in.getString();
            if (type == null || value == null)
            {
                throw in.invalid("an identifier without a type or a value");
            }
            ids[k] = new Identifier(type, value);
        }
        final Member m = new Member(Ids.memberId(number), number, in.getSharedString(),
            Ids.referralCode(number), in.getString(), in.getSharedString());
        for (final Identifier id : ids)
        {
            m.identifiers.add(id);
        }
        final String tier = in.getSharedString();
        m.tier = Member.BASE_TIER.equals(tier) ? Member.BASE_TIER : tier;
        m.available = in.getLong();
        m.pending = in.getLong();
        m.held = in.getLong();
        m.debt = in.getLong();
        m.openAuthorizations = in.getInt();
        mergedInto[0] = in.getUnsigned();
        final int attributes = in.getCount(2);
        for (int k = 0; k < attributes; k++)
        {
            m.attributesForWrite().put(in.getSharedString(), in.getSharedString());
        }
        final int lots = in.getCount(10);
        if (lots > 0)
        {
            m.lots = new ArrayList<>(lots);
        }
        for (int k = 0; k < lots; k++)
        {
            m.lots.add(getLot(in, m));
        }
        final int entries = in.getCount(7);
        if (entries > 0)
        {
            m.ledger = new ArrayList<>(entries);
        }
        long seq = 0;
        long at = 0;
        for (int k = 0; k < entries; k++)
        {
            seq += in.getLong();
            final LedgerType type = in.getEnum(LEDGER_TYPES);
            final long points = in.getLong();
            final long moved = in.getLong();
            final String txId = in.getString();
            at += in.getLong();
            m.ledger.add(new LedgerEntry(seq, type, points, moved, txId, at, in.getSharedString()));
        }
        m.stats = getStats(in, true);
        m.promotionUses.readSnapshot(in);
        GamificationSnapshot.readMember(in, m);
        if (in.remaining() != 0)
        {
            throw in.invalid("member number " + number + "'s record has " + in.remaining() + " bytes not read");
        }
        return m;
    }

    private Member member(final SnapshotReader in, final long number)
    {
        final Member m = number < 1 || number > logic.members().size() ? null : logic.members().byNumber(number);
        if (m == null)
        {
            throw in.invalid("no member number " + number);
        }
        return m;
    }

    private static void putLot(final SnapshotWriter out, final Lot lot)
    {
        out.putLong(lot.lotId);
        out.putLong(lot.earnedAt);
        out.putLong(lot.activateAt);
        out.putLong(lot.expireAt);
        out.putLong(lot.remaining);
        out.putLong(lot.heldOut);
        out.putBoolean(lot.pending);
        out.putBoolean(lot.expired);
    }

    private static Lot getLot(final SnapshotReader in, final Member owner)
    {
        final Lot lot = new Lot(in.getLong(), owner, in.getLong(), in.getLong(), in.getLong());
        lot.remaining = in.getLong();
        lot.heldOut = in.getLong();
        lot.pending = in.getBoolean();
        lot.expired = in.getBoolean();
        return lot;
    }

    private static void putStats(final SnapshotWriter out, final MemberStats stats)
    {
        out.putLong(stats.purchases);
        out.putLong(stats.spentMinor);
        out.putLong(stats.pointsEarned);
        out.putLong(stats.pointsRedeemed);
        out.putLong(stats.firstPurchaseAt);
        out.putLong(stats.lastPurchaseAt);
        long present = 0;
        for (int i = 0; i < MemberStats.channels(); i++)
        {
            present |= stats.channelStats(i) == null ? 0 : 1L << i;
        }
        out.putCount(present);
        for (int i = 0; i < MemberStats.channels(); i++)
        {
            final long[] c = stats.channelStats(i);
            if (c != null)
            {
                for (final long v : c)
                {
                    out.putLong(v);
                }
            }
        }
    }

    /** Statistics; with {@code mayShare}, the shared {@link MemberStats#NOTHING} when they are that. */
    private static MemberStats getStats(final SnapshotReader in, final boolean mayShare)
    {
        final long purchases = in.getLong();
        final long spentMinor = in.getLong();
        final long pointsEarned = in.getLong();
        final long pointsRedeemed = in.getLong();
        final long firstPurchaseAt = in.getLong();
        final long lastPurchaseAt = in.getLong();
        final long present = in.getUnsigned();
        if (present >>> MemberStats.channels() != 0)
        {
            throw in.invalid("statistics of channels " + Long.toBinaryString(present));
        }
        if (mayShare && purchases == 0 && spentMinor == 0 && pointsEarned == 0 && pointsRedeemed == 0 &&
            firstPurchaseAt == MemberStats.NONE && lastPurchaseAt == MemberStats.NONE && present == 0)
        {
            return MemberStats.NOTHING;
        }
        final MemberStats stats = new MemberStats();
        stats.purchases = purchases;
        stats.spentMinor = spentMinor;
        stats.pointsEarned = pointsEarned;
        stats.pointsRedeemed = pointsRedeemed;
        stats.firstPurchaseAt = firstPurchaseAt;
        stats.lastPurchaseAt = lastPurchaseAt;
        for (int i = 0; i < MemberStats.channels(); i++)
        {
            if ((present & (1L << i)) != 0)
            {
                stats.channelStats(i, new long[]{in.getLong(), in.getLong(), in.getLong(), in.getLong()});
            }
        }
        return stats;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lots named by reference
    // ---------------------------------------------------------------------------------------------------------

    private static int indexOf(final List<Lot> lots, final Lot lot)
    {
        for (int i = 0, n = lots.size(); i < n; i++)
        {
            if (lots.get(i) == lot)
            {
                return i;
            }
        }
        return -1;
    }

    /** A lot by its owner's number and its place in the owner's lots; whole when {@code mayDetach} and not listed. */
    private static void putLotRef(final SnapshotWriter out, final Lot lot, final boolean mayDetach)
    {
        if (lot == null)
        {
            out.putCount(NO_LOT);
            return;
        }
        final int index = indexOf(lot.owner.lots, lot);
        if (index >= 0)
        {
            out.putCount(LOT_IN_LIST);
            out.putCount(lot.owner.number);
            out.putCount(index);
            return;
        }
        if (!mayDetach)
        {
            throw new IllegalStateException("lot " + lot.lotId + " is referred to but not in its owner's lots");
        }
        out.putCount(LOT_DETACHED);
        out.putCount(lot.owner.number);
        putLot(out, lot);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Purchases
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Purchases in creation order, each a record ({@link SnapshotWriter#beginRecord}) that starts with its txId and
     * the numbers of the members whose lots it names by place, so that a load indexes the txIds and leaves the
     * rest in the file ({@link SnapshotPurchases}). A purchase not decoded since the snapshot it came from is
     * copied from that file as it is while those members are undecoded too (their lots still where it says).
     */
    private void writePurchases(final SnapshotWriter out)
    {
        out.beginSection(PURCHASES);
        final PurchaseIndex purchases = logic.purchases();
        final MemberTable members = logic.members();
        final int count = purchases.size();
        out.putCount(count);
        int i = 0;
        while (i < count)
        {
            final SnapshotPurchases undecoded = purchases.undecoded();
            if (purchases.decoded(i) == null && undecoded.copiable(i, members))
            {
                int end = i + 1;
                while (end < count && purchases.decoded(end) == null && undecoded.copiable(end, members))
                {
                    end++;
                }
                undecoded.copy(out, i, end);
                i = end;
                continue;
            }
            final Purchase p = purchases.values().get(i);
            out.beginRecord();
            putPurchase(out, p);
            out.endRecord();
            i++;
        }
        out.endSection(PURCHASES);
    }

    /** Fills {@link #lotOwners} with the numbers of the members whose lots {@code p} names by place; how many. */
    private int lotOwners(final Purchase p)
    {
        int n = 0;
        for (int k = 0, parts = p.hold.size(); k <= parts; k++)
        {
            final Lot lot = k < parts ? p.hold.get(k).lot() : p.earnedLot;
            if (lot == null || indexOf(lot.owner.lots, lot) < 0)
            {
                continue;
            }
            final int number = (int)lot.owner.number;
            boolean known = false;
            for (int j = 0; j < n && !known; j++)
            {
                known = lotOwners[j] == number;
            }
            if (!known)
            {
                if (n == lotOwners.length)
                {
                    lotOwners = Arrays.copyOf(lotOwners, n * 2);
                }
                lotOwners[n++] = number;
            }
        }
        return n;
    }

    private void putPurchase(final SnapshotWriter out, final Purchase p)
    {
        out.putString(p.txId);
        final int owners = lotOwners(p);
        out.putCount(owners);
        for (int k = 0; k < owners; k++)
        {
            out.putCount(lotOwners[k]);
        }
        out.putCommand(p.originCommand);
        out.putString(p.storeId());
        out.putString(p.partnerId());
        out.putEnum(p.channel());
        out.putCount(p.member == null ? 0 : p.member.number);
        putPriced(out, p.priced);
        out.putLong(p.occurredAtMillis);
        out.putLong(p.holdExpiresAt);
        out.putCount(p.charges.size());
        for (final PromotionCharge charge : p.charges)
        {
            Promotions.writeCharge(out, charge);
        }
        putCoupons(out, p.coupons);
        out.putEnum(p.status);
        out.putCount(p.hold.size());
        for (final HoldPart part : p.hold)
        {
            putLotRef(out, part.lot(), false);
            out.putLong(part.amount());
        }
        putLotRef(out, p.earnedLot, true);
        final Purchase.Refunds refunds = p.refunds;
        out.putBoolean(refunds != null);
        if (refunds != null)
        {
            out.putCount(refunds.amountPerLine.length);
            for (final long amount : refunds.amountPerLine)
            {
                out.putLong(amount);
            }
            for (final long qty : refunds.qtyPerLine)
            {
                out.putLong(qty);
            }
            out.putLong(refunds.amount);
            out.putLong(refunds.money);
            out.putLong(refunds.reversed);
            out.putLong(refunds.returned);
        }
        out.putLong(p.captureSeq);
        out.putLong(p.capturedAt);
        GamificationSnapshot.putUnlocked(out, p.unlocked);
        // The answers are rendered from the purchase: only the balances they show are not kept elsewhere.
        out.putLong(p.answerAvailable);
        out.putLong(p.answerPending);
        out.putLong(p.answerHeld);
        out.putBoolean(p.booked);
        out.putLong(p.closingAvailable);
        out.putLong(p.closingPending);
        out.putLong(p.closingHeld);
    }

    /**
     * The purchases section without decoding the purchases: each record's start is noted, its txId indexed by hash
     * and the members whose lots it names counted ({@link PendingLinks}); the purchases are decoded when first
     * asked for ({@link PurchaseIndex#get}), by {@link #readPurchase}.
     */
    private void readPurchases(final SnapshotReader in)
    {
        in.beginSection(PURCHASES);
        final int count = in.getCount(20);
        final long[] starts = new long[count + 1];
        final HashSlots byTxId = new HashSlots(count);
        final int members = logic.members().size();
        for (int i = 0; i < count; i++)
        {
            starts[i] = in.position();
            final long length = in.getUnsigned();
            if (length > in.remaining())
            {
                throw in.invalid("a purchase record of " + length + " bytes with " + in.remaining() + " left");
            }
            final long recordStart = in.position();
            byTxId.add(HashSlots.mix(in.getStringHash(SnapshotPurchases.TX_ID_SEED)), i + 1);
            for (int k = 0, owners = in.getCount(1); k < owners; k++)
            {
                final long number = in.getUnsigned();
                if (number < 1 || number > members)
                {
                    throw in.invalid("purchase " + (i + 1) + " names lots of member number " + number);
                }
                if (logic.members().decoded(number) != null)
                {
                    // its lots as the snapshot has them would have to be kept from now on: nothing decodes before
                    throw new IllegalStateException("member number " + number + " decoded before the purchases");
                }
                links.addLotReference((int)number);
            }
            if (in.position() > recordStart + length)
            {
                throw in.invalid("purchase " + (i + 1) + "'s txId runs past its record");
            }
            in.skipTo(recordStart + length);
        }
        starts[count] = in.position();
        byTxId.finish();
        logic.purchases().attach(new SnapshotPurchases(in.openSource(), starts, byTxId, this::readPurchase));
        in.endSection(PURCHASES);
    }

    /**
     * One purchase's record as {@link #putPurchase} wrote it, {@code in} bounded by the record. Its member is found
     * (decoded if need be) by number, its lots among its owners' lots as the snapshot had them
     * ({@link PendingLinks#lotAtSnapshot}), its promotions, coupons and store as they are now (none of them is ever
     * removed; a store changed since is kept as it was, as at authorize).
     */
    private Purchase readPurchase(final SnapshotReader in)
    {
        in.getUnsigned();
        final String txId = in.getString();
        final int owners = in.getCount(1);
        final int[] named = new int[owners];
        for (int k = 0; k < owners; k++)
        {
            named[k] = (int)in.getUnsigned();
        }
        final Command origin = in.getCommand();
        final PurchaseRequest request;
        if (origin instanceof Commands.Authorize a)
        {
            request = a.request();
        }
        else if (origin instanceof Commands.OneShot o)
        {
            request = o.request();
        }
        else
        {
            throw in.invalid("a purchase made by " + origin.type());
        }
        if (!request.txId().equals(txId))
        {
            throw in.invalid("purchase " + txId + " holds the request of " + request.txId());
        }
        final Store at = purchaseStore(in.getSharedString(), in.getSharedString(), in.getEnum(CHANNELS), pastStores);
        final long memberNumber = in.getUnsigned();
        final Member member = memberNumber == 0 ? null : member(in, memberNumber);
        final PricedCheque priced = getPriced(in);
        final long occurredAt = in.getLong();
        final long holdExpiresAt = in.getLong();
        final int chargeCount = in.getCount(6);
        final List<PromotionCharge> charges = new ArrayList<>(chargeCount);
        for (int k = 0; k < chargeCount; k++)
        {
            charges.add(logic.promotions().readCharge(in));
        }
        final List<CouponResult> coupons = getCoupons(in);
        final Command kept = logic.keptCommands().keep(origin, request, at, member);
        final Purchase p = new Purchase(request.txId(), kept, at, member,
            priced.compactWith(KeptCommands.lines(kept)), occurredAt, holdExpiresAt, List.copyOf(charges), coupons);
        p.status = in.getEnum(PURCHASE_STATUSES);
        final int parts = in.getCount(3);
        if (parts > 0)
        {
            final List<HoldPart> hold = new ArrayList<>(parts);
            for (int k = 0; k < parts; k++)
            {
                hold.add(new HoldPart(getPurchaseLotRef(in, named), in.getLong()));
            }
            p.hold = hold;
        }
        p.earnedLot = getPurchaseLotRef(in, named);
        if (in.getBoolean())
        {
            final Purchase.Refunds refunds = new Purchase.Refunds();
            final int lines = in.getCount(1);
            if (lines != priced.lineCount())
            {
                throw in.invalid("purchase " + p.txId + " has " + priced.lineCount() + " lines, refunds of " + lines);
            }
            refunds.amountPerLine = new long[lines];
            for (int k = 0; k < lines; k++)
            {
                refunds.amountPerLine[k] = in.getLong();
            }
            refunds.qtyPerLine = new long[lines];
            for (int k = 0; k < lines; k++)
            {
                refunds.qtyPerLine[k] = in.getLong();
            }
            refunds.amount = in.getLong();
            refunds.money = in.getLong();
            refunds.reversed = in.getLong();
            refunds.returned = in.getLong();
            p.refunds = refunds;
        }
        p.captureSeq = in.getLong();
        p.capturedAt = in.getLong();
        p.unlocked = GamificationSnapshot.getUnlocked(in);
        p.answerAvailable = in.getLong();
        p.answerPending = in.getLong();
        p.answerHeld = in.getLong();
        p.booked = in.getBoolean();
        p.closingAvailable = in.getLong();
        p.closingPending = in.getLong();
        p.closingHeld = in.getLong();
        if (in.remaining() != 0)
        {
            throw in.invalid("purchase " + txId + "'s record has " + in.remaining() + " bytes not read");
        }
        for (final int number : named)
        {
            links.releaseLotReference(number);
        }
        return p;
    }

    /** A purchase's lot: by its owner's number and place in the owner's lots as the snapshot had them, or whole. */
    private Lot getPurchaseLotRef(final SnapshotReader in, final int[] named)
    {
        final long kind = in.getUnsigned();
        if (kind == NO_LOT)
        {
            return null;
        }
        final long number = in.getUnsigned();
        final Member owner = member(in, number);
        if (kind == LOT_DETACHED)
        {
            return getLot(in, owner);
        }
        final long index = in.getUnsigned();
        boolean listed = false;
        for (int k = 0; k < named.length && !listed; k++)
        {
            listed = named[k] == number;
        }
        final Lot lot = kind == LOT_IN_LIST && listed ? links.lotAtSnapshot(owner, index) : null;
        if (lot == null)
        {
            throw in.invalid("lot reference " + kind + "/" + index + " of " + owner.memberId);
        }
        return lot;
    }

    /** The store a purchase was made at: the store itself while it is unchanged, else one copy of it as it was. */
    private Store purchaseStore(
        final String storeId, final String partnerId, final Channel channel, final Map<Store, Store> pastStores)
    {
        final Store now = logic.stores().get(storeId);
        if (now != null && now.partnerId().equals(partnerId) && now.channel() == channel)
        {
            return now;
        }
        final Store past = new Store(storeId, partnerId, channel, Map.of());
        final Store known = pastStores.putIfAbsent(past, past);
        return known == null ? past : known;
    }

    private static void putPriced(final SnapshotWriter out, final PricedCheque priced)
    {
        if (!priced.ok())
        {
            throw new IllegalStateException("a kept pricing is never a rejection: " + priced.error());
        }
        out.putLong(priced.total());
        out.putLong(priced.discount());
        out.putLong(priced.pointsRedeemed());
        out.putLong(priced.payable());
        out.putLong(priced.pointsToEarn());
        out.putLong(priced.basePoints());
        out.putLong(priced.maxRedeemable());
        final int lines = priced.lineCount();
        out.putCount(lines);
        for (int i = 0; i < lines; i++)
        {
            out.putString(priced.lineSku(i));
            out.putLong(priced.lineAmount(i));
            out.putLong(priced.lineDiscount(i));
            out.putLong(priced.linePointsPaid(i));
            out.putLong(priced.linePaid(i));
        }
        putApplied(out, priced.promotions());
    }

    private static PricedCheque getPriced(final SnapshotReader in)
    {
        final long total = in.getLong();
        final long discount = in.getLong();
        final long pointsRedeemed = in.getLong();
        final long payable = in.getLong();
        final long pointsToEarn = in.getLong();
        final long basePoints = in.getLong();
        final long maxRedeemable = in.getLong();
        final int n = in.getCount(5);
        final List<LinePrice> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            lines.add(new LinePrice(in.getSharedString(), in.getLong(), in.getLong(), in.getLong(), in.getLong()));
        }
        return new PricedCheque(total, discount, pointsRedeemed, payable, pointsToEarn, basePoints, maxRedeemable,
            List.copyOf(lines), getApplied(in), null, null);
    }

    private static void putApplied(final SnapshotWriter out, final List<AppliedPromotion> applied)
    {
        out.putCount(applied.size());
        for (final AppliedPromotion a : applied)
        {
            out.putString(a.promotionId());
            out.putLong(a.points());
            out.putLong(a.discount());
        }
    }

    private static List<AppliedPromotion> getApplied(final SnapshotReader in)
    {
        final int n = in.getCount(3);
        if (n == 0)
        {
            return List.of();
        }
        final List<AppliedPromotion> applied = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            applied.add(new AppliedPromotion(in.getString(), in.getLong(), in.getLong()));
        }
        return List.copyOf(applied);
    }

    private static void putCoupons(final SnapshotWriter out, final List<CouponResult> coupons)
    {
        out.putCount(coupons.size());
        for (final CouponResult c : coupons)
        {
            out.putString(c.code());
            out.putEnum(c.status());
        }
    }

    private static List<CouponResult> getCoupons(final SnapshotReader in)
    {
        final int n = in.getCount(2);
        if (n == 0)
        {
            return List.of();
        }
        final List<CouponResult> coupons = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            coupons.add(new CouponResult(in.getString(), in.getEnum(COUPON_STATUSES)));
        }
        return List.copyOf(coupons);
    }

    private static void putBalance(final SnapshotWriter out, final BalanceView balance)
    {
        out.putBoolean(balance != null);
        if (balance != null)
        {
            out.putLong(balance.available());
            out.putLong(balance.pending());
            out.putLong(balance.held());
        }
    }

    private static BalanceView getBalance(final SnapshotReader in)
    {
        return in.getBoolean() ? new BalanceView(in.getLong(), in.getLong(), in.getLong()) : null;
    }

    private static void putRefunded(final SnapshotWriter out, final RefundedView refunded)
    {
        out.putBoolean(refunded != null);
        if (refunded != null)
        {
            out.putLong(refunded.amount());
            out.putLong(refunded.pointsReversed());
            out.putLong(refunded.pointsReturned());
        }
    }

    private static RefundedView getRefunded(final SnapshotReader in)
    {
        return in.getBoolean() ? new RefundedView(in.getLong(), in.getLong(), in.getLong()) : null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Due work
    // ---------------------------------------------------------------------------------------------------------

    private void writeDueWork(final SnapshotWriter out)
    {
        out.beginSection(DUE_WORK);
        out.putCount(logic.book().due.size());
        for (final DueWork work : logic.book().due)
        {
            out.putLong(work.id);
            out.putLong(work.dueAt);
            out.putEnum(work.kind);
            if (work.pendingRef != 0)
            {
                // its member or purchase is still undecoded, so written as the snapshot it came from has it
                putPendingDueWork(out, work);
            }
            else if (work.kind == DueWork.Kind.HOLD_TIMEOUT)
            {
                if (work.purchase.holdTimeout != work)
                {
                    throw new IllegalStateException("hold timeout " + work.id + " is not its purchase's");
                }
                out.putString(work.purchase.txId);
            }
            else if (work.kind == DueWork.Kind.TIER_WINDOW)
            {
                if (work.member.tierDue != work)
                {
                    throw new IllegalStateException("tier window " + work.id + " is not its member's");
                }
                out.putCount(work.member.number);
            }
            else if (work.kind == DueWork.Kind.BOARD_PERIOD)
            {
                if (work.board.roll != work)
                {
                    throw new IllegalStateException("board period " + work.id + " is not its board's");
                }
                out.putString(work.board.boardId);
            }
            else
            {
                if ((work.kind == DueWork.Kind.ACTIVATE ? work.lot.activation : work.lot.expiry) != work)
                {
                    throw new IllegalStateException(work.kind + " " + work.id + " is not its lot's");
                }
                putLotRef(out, work.lot, false);
            }
        }
        out.endSection(DUE_WORK);
    }

    /** Due work whose member or purchase is still in the snapshot file it was loaded from, as that file has it. */
    private static void putPendingDueWork(final SnapshotWriter out, final DueWork work)
    {
        switch (work.kind)
        {
            case HOLD_TIMEOUT -> out.putString(work.pendingTxId);
            case TIER_WINDOW -> out.putCount(work.pendingRef);
            case ACTIVATE, EXPIRE ->
            {
                out.putCount(LOT_IN_LIST);
                out.putCount(work.pendingRef);
                out.putCount(work.pendingLotIndex);
            }
            default -> throw new IllegalStateException(work.kind + " " + work.id + " waits for nothing");
        }
    }

    /**
     * Due work, in order. What names a member or purchase still in the file is not decoded for it: the due work
     * waits for it ({@link PendingLinks}, {@link SnapshotPurchases#awaitHoldTimeout}) and is linked when it is
     * decoded, or decodes it when it comes due.
     */
    private void readDueWork(final SnapshotReader in)
    {
        in.beginSection(DUE_WORK);
        final int n = in.getCount(4);
        final List<DueWork> due = new ArrayList<>(n);
        final MemberTable members = logic.members();
        for (int i = 0; i < n; i++)
        {
            final long id = in.getLong();
            final long dueAt = in.getLong();
            final DueWork.Kind kind = in.getEnum(DUE_KINDS);
            final DueWork work;
            if (kind == DueWork.Kind.HOLD_TIMEOUT)
            {
                final String txId = in.getString();
                work = new DueWork(id, dueAt, kind, null, null);
                // the place of an undecoded purchase only (a decoded one is found by get below)
                final int place = txId == null ? -1 : logic.purchases().placeInSnapshot(txId);
                if (place >= 0)
                {
                    work.pendingTxId = txId;
                    logic.purchases().undecoded().awaitHoldTimeout(place, work);
                }
                else
                {
                    final Purchase p = txId == null ? null : logic.purchases().get(txId);
                    if (p == null)
                    {
                        throw in.invalid("a hold timeout of no purchase");
                    }
                    PendingLinks.link(work, p);
                }
            }
            else if (kind == DueWork.Kind.TIER_WINDOW)
            {
                final long number = memberNumber(in, in.getUnsigned());
                work = new DueWork(id, dueAt, kind, null, null, null, null);
                work.pendingRef = number;
                awaitOrLink(work, members);
            }
            else if (kind == DueWork.Kind.BOARD_PERIOD)
            {
                final Leaderboard board = logic.gamification().boards.get(in.getString());
                if (board == null)
                {
                    throw in.invalid("a period end of no leaderboard");
                }
                work = new DueWork(id, dueAt, kind, null, null, null, board);
                board.roll = work;
            }
            else if (kind != null)
            {
                if (in.getUnsigned() != LOT_IN_LIST)
                {
                    throw in.invalid(kind + " of no listed lot");
                }
                final long number = memberNumber(in, in.getUnsigned());
                final long index = in.getUnsigned();
                if (index > Integer.MAX_VALUE)
                {
                    throw in.invalid(kind + " of lot " + index);
                }
                work = new DueWork(id, dueAt, kind, null, null);
                work.pendingRef = number;
                work.pendingLotIndex = (int)index;
                awaitOrLink(work, members);
            }
            else
            {
                throw in.invalid("due work of no kind");
            }
            if (!due.isEmpty() && DueWork.ORDER.compare(due.get(due.size() - 1), work) >= 0)
            {
                throw in.invalid("due work out of order at " + id);
            }
            due.add(work);
        }
        logic.book().due.addAll(new SortedList<>(due, DueWork.ORDER));
        in.endSection(DUE_WORK);
    }

    /** Links {@code work} to its member now if decoded (as the snapshot has it: nothing has run yet), else later. */
    private void awaitOrLink(final DueWork work, final MemberTable members)
    {
        final Member m = members.decoded(work.pendingRef);
        if (m != null)
        {
            PendingLinks.link(work, m);
        }
        else
        {
            links.await(work);
        }
    }

    private long memberNumber(final SnapshotReader in, final long number)
    {
        if (number < 1 || number > logic.members().size())
        {
            throw in.invalid("no member number " + number);
        }
        return number;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Idempotency keys and their first answers
    // ---------------------------------------------------------------------------------------------------------

    private void writeKeys(final SnapshotWriter out)
    {
        out.beginSection(KEYS);
        final EnumMap<CommandType, LinkedHashMap<String, KeyEntry>> byType = logic.requestKeys();
        int types = 0;
        for (final LinkedHashMap<String, KeyEntry> keys : byType.values())
        {
            types += keys.isEmpty() ? 0 : 1;
        }
        out.putCount(types);
        for (final Map.Entry<CommandType, LinkedHashMap<String, KeyEntry>> e : byType.entrySet())
        {
            if (e.getValue().isEmpty())
            {
                continue;
            }
            out.putCount(e.getKey().templateId());
            out.putCount(e.getValue().size());
            for (final Map.Entry<String, KeyEntry> key : e.getValue().entrySet())
            {
                out.putString(key.getKey());
                out.putCommand(key.getValue().command());
                putKeptReply(out, e.getKey(), key.getValue());
            }
        }
        out.putCount(logic.refunds().size());
        for (final Map.Entry<String, KeyEntry> key : logic.refunds().entrySet())
        {
            out.putString(key.getKey());
            out.putCommand(key.getValue().command());
            final RefundReply r = (RefundReply)key.getValue().reply();
            out.putString(r.txId());
            out.putString(r.refundId());
            out.putEnum(r.status());
            out.putLong(r.amount());
            out.putLong(r.money());
            out.putLong(r.pointsReversed());
            out.putLong(r.pointsReturned());
            putRefunded(out, r.refunded());
            putBalance(out, r.balance());
        }
        out.endSection(KEYS);
    }

    private void readKeys(final SnapshotReader in)
    {
        in.beginSection(KEYS);
        final EnumMap<CommandType, LinkedHashMap<String, KeyEntry>> byType = logic.requestKeys();
        for (int t = 0, types = in.getCount(2); t < types; t++)
        {
            final long templateId = in.getUnsigned();
            final CommandType type = typeOf(templateId);
            if (type == null || type == CommandType.CREATE_MEMBER || !byType.get(type).isEmpty())
            {
                throw in.invalid("keys of command template " + templateId);
            }
            final int n = in.getCount(3);
            final LinkedHashMap<String, KeyEntry> keys = new LinkedHashMap<>(BusinessLogic.capacityFor(n));
            byType.put(type, keys);
            for (int i = 0; i < n; i++)
            {
                final String key = in.getString();
                final Command command = in.getCommand();
                if (command.type() != type)
                {
                    throw in.invalid("a " + command.type() + " kept under " + type + " keys");
                }
                keys.put(sharedKey(key, type, command), new KeyEntry(command, getKeptReply(in, type, command)));
            }
        }
        final Map<String, KeyEntry> refunds = logic.refunds();
        for (int i = 0, n = in.getCount(8); i < n; i++)
        {
            final String key = in.getString();
            final Command command = in.getCommand();
            final Reply reply = new RefundReply(in.getString(), in.getString(), in.getEnum(PURCHASE_STATUSES),
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), getRefunded(in), getBalance(in));
            refunds.put(command instanceof Commands.Refund r && key.equals(r.refundId()) ? r.refundId() : key,
                new KeyEntry(command, reply));
        }
        in.endSection(KEYS);
    }

    /** The key as the command holds it, when equal, so that the two share one string (as they do live). */
    private static String sharedKey(final String key, final CommandType type, final Command command)
    {
        final String own = switch (type)
        {
            case ADJUST_POINTS -> ((Commands.AdjustPoints)command).requestId();
            case ADD_IDENTIFIER -> ((Commands.AddIdentifier)command).requestId();
            case RECORD_ACTIVITY -> ((Commands.RecordActivity)command).requestId();
            default -> null;
        };
        return key.equals(own) ? own : key;
    }

    private static CommandType typeOf(final long templateId)
    {
        for (final CommandType type : CommandType.values())
        {
            if (type.templateId() == templateId)
            {
                return type;
            }
        }
        return null;
    }

    /** The first answer kept under an idempotency key of {@code type}: each type keeps one kind of answer. */
    private static void putKeptReply(final SnapshotWriter out, final CommandType type, final KeyEntry entry)
    {
        final Reply reply = entry.reply();
        switch (type)
        {
            case SET_PROGRAM -> putProgram(out, ((ProgramReply)reply).program());
            case PUT_PARTNER ->
            {
                final Partner partner = (Partner)reply;
                out.putString(partner.partnerId());
                out.putString(partner.name());
            }
            case PUT_STORE -> putStore(out, (Store)reply);
            case PUT_PROMOTION ->
            {
                final PromotionReply r = (PromotionReply)reply;
                if (r.definition() != entry.command())
                {
                    throw new IllegalStateException("a promotion answer of another definition");
                }
                out.putLong(r.uses());
                out.putLong(r.usesReserved());
                out.putLong(r.budgetSpent());
                out.putLong(r.budgetReserved());
                out.putLong(r.coupons());
            }
            case CREATE_COUPONS ->
            {
                final CouponsReply r = (CouponsReply)reply;
                out.putString(r.promotionId());
                out.putLong(r.usesPerCode());
                out.putBoolean(r.generated());
                out.putCount(r.codes().size());
                for (final String code : r.codes())
                {
                    out.putString(code);
                }
            }
            case ADD_IDENTIFIER -> putProfile(out, (MemberProfileReply)reply);
            case MERGE_MEMBERS ->
            {
                final MergeReply r = (MergeReply)reply;
                out.putString(r.memberId());
                out.putString(r.mergedMemberId());
                putBalance(out, r.balance());
            }
            case ADJUST_POINTS ->
            {
                final AdjustmentReply r = (AdjustmentReply)reply;
                out.putString(r.memberId());
                out.putLong(r.points());
                putBalance(out, r.balance());
            }
            case RECORD_ACTIVITY ->
            {
                final ActivityReply r = (ActivityReply)reply;
                out.putString(r.requestId());
                out.putString(r.memberId());
                out.putString(r.activityType());
                out.putLong(r.pointsEarned());
                putApplied(out, r.promotions());
                GamificationSnapshot.putUnlocked(out, r.achievements());
                putBalance(out, r.balance());
            }
            case CREATE_KEY ->
            {
                final KeyCreatedReply r = (KeyCreatedReply)reply;
                out.putString(r.keyId());
                out.putEnum(r.role());
                out.putString(r.partnerId());
            }
            case PUT_TIERS, PUT_ACHIEVEMENT, PUT_LEADERBOARD -> GamificationSnapshot.putKeptReply(out, reply);
            default -> throw new IllegalStateException(
                "no snapshot encoding for the answers kept under " + type + " keys: add one to LogicSnapshot");
        }
    }

    private Reply getKeptReply(final SnapshotReader in, final CommandType type, final Command command)
    {
        return switch (type)
        {
            case SET_PROGRAM -> new ProgramReply(getProgram(in));
            case PUT_PARTNER -> new Partner(in.getString(), in.getString());
            case PUT_STORE -> getStore(in);
            case PUT_PROMOTION -> new PromotionReply((Commands.PutPromotion)command, in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong());
            case CREATE_COUPONS ->
            {
                final String promotionId = in.getString();
                final long usesPerCode = in.getLong();
                final boolean generated = in.getBoolean();
                final int n = in.getCount(1);
                final List<String> codes = new ArrayList<>(n);
                for (int i = 0; i < n; i++)
                {
                    codes.add(in.getString());
                }
                yield new CouponsReply(promotionId, usesPerCode, generated, codes);
            }
            case ADD_IDENTIFIER -> getProfile(in);
            case MERGE_MEMBERS -> new MergeReply(in.getString(), in.getString(), getBalance(in));
            case ADJUST_POINTS -> new AdjustmentReply(in.getString(), in.getLong(), getBalance(in));
            case RECORD_ACTIVITY -> new ActivityReply(in.getString(), in.getString(), in.getString(), in.getLong(),
                getApplied(in), GamificationSnapshot.getUnlocked(in), getBalance(in));
            case PUT_TIERS, PUT_ACHIEVEMENT, PUT_LEADERBOARD -> GamificationSnapshot.getKeptReply(in, type);
            case CREATE_KEY -> new KeyCreatedReply(in.getString(), in.getEnum(KEY_ROLES), in.getString());
            default -> throw in.invalid("answers kept under " + type + " keys");
        };
    }

    private static void putProfile(final SnapshotWriter out, final MemberProfileReply r)
    {
        out.putString(r.memberId());
        out.putString(r.partnerId());
        out.putCount(r.identifiers().size());
        for (final Identifier id : r.identifiers())
        {
            out.putEnum(id.type());
            out.putString(id.value());
        }
        out.putString(r.birthday());
        out.putString(r.tier());
        GamificationSnapshot.putTierHistory(out, r.tierHistory());
        putStrings(out, r.attributes());
        out.putString(r.referralCode());
        out.putString(r.referrerId());
        putBalance(out, r.balance());
        putStats(out, r.stats());
        GamificationSnapshot.putAchievementViews(out, r.achievements());
    }

    private static MemberProfileReply getProfile(final SnapshotReader in)
    {
        final String memberId = in.getString();
        final String partnerId = in.getString();
        final int n = in.getCount(2);
        final List<Identifier> identifiers = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            identifiers.add(new Identifier(in.getEnum(IDENTIFIER_TYPES), in.getString()));
        }
        final String birthday = in.getString();
        final String tier = in.getString();
        final List<TierChange> tierHistory = GamificationSnapshot.getTierHistory(in);
        return new MemberProfileReply(memberId, partnerId, identifiers, birthday, tier, tierHistory,
            getStrings(in, new LinkedHashMap<>()), in.getString(), in.getString(), getBalance(in),
            getStats(in, false), GamificationSnapshot.getAchievementViews(in));
    }

    /**
     * A list already in {@code order}, seen as a sorted set, so that {@code TreeSet.addAll} builds the tree in
     * linear time instead of inserting one element at a time.
     */
    private static final class SortedList<E> extends java.util.AbstractSet<E> implements java.util.SortedSet<E>
    {
        private final List<E> items;
        private final java.util.Comparator<? super E> order;

        SortedList(final List<E> items, final java.util.Comparator<? super E> order)
        {
            this.items = items;
            this.order = order;
        }

        public Iterator<E> iterator()
        {
            return items.iterator();
        }

        public int size()
        {
            return items.size();
        }

        public java.util.Comparator<? super E> comparator()
        {
            return order;
        }

        public java.util.SortedSet<E> subSet(final E from, final E to)
        {
            throw new UnsupportedOperationException();
        }

        public java.util.SortedSet<E> headSet(final E to)
        {
            throw new UnsupportedOperationException();
        }

        public java.util.SortedSet<E> tailSet(final E from)
        {
            throw new UnsupportedOperationException();
        }

        public E first()
        {
            return items.get(0);
        }

        public E last()
        {
            return items.get(items.size() - 1);
        }
    }
}
