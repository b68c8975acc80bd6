package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKey;
import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.pricing.PricedCheque;
import dev.loyalty.engine.pricing.Pricer;
import dev.loyalty.engine.pricing.PricingResult;
import dev.loyalty.engine.pricing.ProgramSettings;
import dev.loyalty.engine.pricing.RefundCalculator;
import dev.loyalty.engine.pricing.RefundOutcome;
import dev.loyalty.engine.promotion.ChequeContext;
import dev.loyalty.engine.promotion.CouponResult;
import dev.loyalty.engine.promotion.PromotionCharge;
import dev.loyalty.engine.promotion.PromotionEntry;
import dev.loyalty.engine.promotion.PromotionSelection;
import dev.loyalty.engine.promotion.PromotionValidation;
import dev.loyalty.engine.promotion.Promotions;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.KeyCreatedReply;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotWriter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single writer of all state: program, partners, stores, promotions and coupons, members, balances, lots,
 * ledger, purchases, activities, tiers, achievements, leaderboards and referrals ({@link Gamification}),
 * idempotency keys and API keys. It is called by one thread only (the pipeline's
 * business-logic stage, or recovery before the pipeline starts). It reads time only from the command's stamp and never depends on hash
 * iteration order, so applying the same commands with the same stamps to a fresh instance gives the same
 * state (see {@link #stateDigest()}).
 *
 * <p>Engine time is the largest stamp seen by a journaled command. Every journaled command first advances
 * engine time and runs the time-driven work that is due (hold timeouts, activations, expiries, tier downgrades,
 * leaderboard periods, in due-time order, ties by creation order); reads change nothing, not even the clock.
 * Each command validates everything before its first change, so a rejected command changes nothing and claims
 * no idempotency key.
 */
public final class BusinessLogic
{
    /** Default limit of open AUTHORIZED purchases a member may have. */
    public static final int DEFAULT_MAX_OPEN_HOLDS_PER_MEMBER = 20;

    static final String MAIN_PARTNER = "main";
    static final int MAX_LINES = 200;
    static final long MAX_QTY = 100_000;
    static final long MAX_UNIT_PRICE = 100_000_000_000L;
    static final int MAX_LEDGER_LIMIT = 1000;
    static final int MAX_ACTIVITY_ATTRIBUTES = 50;

    private final ApiKeys apiKeys;
    private final int maxOpenHoldsPerMember;
    private final Pricer pricer = new Pricer();
    private final RefundCalculator refundCalculator = new RefundCalculator();
    private final PointsBook book = new PointsBook();
    private final Quote quote = new Quote();
    private final Promotions promotions = new Promotions();
    private final ChequeContext cheque = new ChequeContext();
    private final PromotionSelection selection = new PromotionSelection();
    private final PricingResult pricing = new PricingResult();
    /** Receives an occurredAt's offset from {@link Times#parseOffsetDateTime(String, int[])}. */
    private final int[] offsetScratch = new int[1];
    private final Gamification gamification = new Gamification(book);

    private ProgramSettings program = ProgramSettings.DEFAULTS;
    private final LinkedHashMap<String, Partner> partners = new LinkedHashMap<>();
    private final LinkedHashMap<String, Store> stores = new LinkedHashMap<>();
    /** Members by id, an array by member number underneath; it also finds members by referral code. */
    private final MemberTable members;
    /** Members by identifier; those of a loaded snapshot indexed without decoding them ({@link IdentifierIndex}). */
    private final IdentifierIndex byIdentifier;
    private final PurchaseIndex purchases;
    /** Shares the parts purchases' kept commands have in common. */
    private final KeptCommands keptCommands = new KeptCommands();
    private final LinkedHashMap<String, KeyEntry> refunds = new LinkedHashMap<>();
    private final EnumMap<CommandType, LinkedHashMap<String, KeyEntry>> requestKeys = new EnumMap<>(CommandType.class);
    /** The keys of {@code CREATE_MEMBER}, one per member, kept compact (its map in requestKeys stays empty). */
    private final MemberCreations memberCreations = new MemberCreations();
    private final LinkedHashMap<String, ApiKey> keys = new LinkedHashMap<>();
    private long memberCounter;
    private long engineTimeMillis;
    private volatile long nextDueAtMillis = Long.MAX_VALUE;
    private ErrorReply lookupError;
    /** The referrer the purchase being captured pays, set by {@link #planCapture}, used by {@link #book}. */
    private Member pendingReferrer;

    /** Business logic with the default limit of {@value #DEFAULT_MAX_OPEN_HOLDS_PER_MEMBER} open holds a member. */
    public BusinessLogic(final ApiKeys apiKeys)
    {
        this(apiKeys, DEFAULT_MAX_OPEN_HOLDS_PER_MEMBER);
    }

    /**
     * @param apiKeys               the live keys the gateway reads; created and revoked keys are mirrored into it.
     * @param maxOpenHoldsPerMember open AUTHORIZED purchases a member may have before 422 TOO_MANY_HOLDS.
     */
    public BusinessLogic(final ApiKeys apiKeys, final int maxOpenHoldsPerMember)
    {
        this(apiKeys, maxOpenHoldsPerMember, 0, 0);
    }

    /** With maps sized for a state about to be restored, so that they never grow while it is read. */
    BusinessLogic(
        final ApiKeys apiKeys, final int maxOpenHoldsPerMember, final int expectedMembers,
        final int expectedPurchases)
    {
        members = new MemberTable(expectedMembers);
        byIdentifier = new IdentifierIndex(members);
        purchases = new PurchaseIndex(expectedPurchases);
        if (maxOpenHoldsPerMember < 1)
        {
            throw new IllegalArgumentException("maxOpenHoldsPerMember must be >= 1: " + maxOpenHoldsPerMember);
        }
        this.apiKeys = apiKeys;
        this.maxOpenHoldsPerMember = maxOpenHoldsPerMember;
        partners.put(MAIN_PARTNER, new Partner(MAIN_PARTNER, "Main"));
        stores.put("web", new Store("web", MAIN_PARTNER, Channel.ONLINE, Map.of()));
        stores.put("app", new Store("app", MAIN_PARTNER, Channel.MOBILE_APP, Map.of()));
        for (final CommandType type : CommandType.values())
        {
            requestKeys.put(type, new LinkedHashMap<>());
        }
    }

    /**
     * Applies one command. Business rejections are {@link dev.loyalty.engine.reply.ErrorReply} results and
     * change nothing; an exception is a bug and the caller stops the engine on purpose.
     *
     * @param stampMillis the command's entry stamp (engine time), in epoch milliseconds.
     */
    public Reply apply(final Command command, final long stampMillis)
    {
        final CommandType type = command.type();
        if (type.journaled())
        {
            advanceTo(stampMillis);
        }
        final Reply reply = switch (type)
        {
            case SET_PROGRAM -> setProgram((Commands.SetProgram)command);
            case PUT_PARTNER -> putPartner((Commands.PutPartner)command);
            case PUT_STORE -> putStore((Commands.PutStore)command);
            case PUT_PROMOTION -> putPromotion((Commands.PutPromotion)command);
            case CREATE_COUPONS -> createCoupons((Commands.CreateCoupons)command);
            case CREATE_MEMBER -> createMember((Commands.CreateMember)command);
            case ADD_IDENTIFIER -> addIdentifier((Commands.AddIdentifier)command);
            case MERGE_MEMBERS -> mergeMembers((Commands.MergeMembers)command);
            case ADJUST_POINTS -> adjustPoints((Commands.AdjustPoints)command);
            case AUTHORIZE -> authorize((Commands.Authorize)command);
            case CAPTURE -> capture((Commands.Capture)command);
            case VOID -> voidPurchase((Commands.VoidPurchase)command);
            case ONE_SHOT -> oneShot((Commands.OneShot)command);
            case REFUND -> refund((Commands.Refund)command);
            case RECORD_ACTIVITY -> recordActivity((Commands.RecordActivity)command);
            case CREATE_KEY -> createKey((Commands.CreateKey)command);
            case REVOKE_KEY -> revokeKey((Commands.RevokeKey)command);
            case TICK -> new TickReply(engineTimeMillis);
            case GET_MEMBER -> getMember((Commands.GetMember)command);
            case GET_LEDGER -> getLedger((Commands.GetLedger)command);
            case GET_PURCHASE -> getPurchase((Commands.GetPurchase)command);
            case CALCULATE -> calculate((Commands.Calculate)command);
            case GET_PROGRAM -> new ProgramReply(program);
            case GET_PARTNER -> getPartner((Commands.GetPartner)command);
            case GET_STORE -> getStore((Commands.GetStore)command);
            case GET_PROMOTION -> getPromotion((Commands.GetPromotion)command);
            case LIST_PROMOTIONS -> listPromotions();
            case PUT_TIERS -> putTiers((GamificationCommands.PutTiers)command);
            case PUT_ACHIEVEMENT -> putAchievement((GamificationCommands.PutAchievement)command);
            case PUT_LEADERBOARD -> putLeaderboard((GamificationCommands.PutLeaderboard)command);
            case GET_TIERS -> new TiersReply(gamification.tiers);
            case GET_ACHIEVEMENT -> getAchievement((GamificationCommands.GetAchievement)command);
            case LIST_ACHIEVEMENTS -> listAchievements();
            case GET_MEMBER_ACHIEVEMENTS -> getMemberAchievements((GamificationCommands.GetMemberAchievements)command);
            case GET_LEADERBOARD -> getLeaderboard((GamificationCommands.GetLeaderboard)command);
            case GET_LEADERBOARD_MEMBER -> getLeaderboardMember((GamificationCommands.GetLeaderboardMember)command);
        };
        if (type.journaled())
        {
            nextDueAtMillis = book.nextDueAt();
        }
        return reply;
    }

    /**
     * When the next time-driven change (hold timeout, activation, expiry, tier window, board period) is due, in
     * epoch millis, or {@code Long.MAX_VALUE}. Safe to read from any thread: the ticker reads it to decide whether
     * to publish a tick.
     */
    public long nextDueAtMillis()
    {
        return nextDueAtMillis;
    }

    /** Engine time: the largest stamp of a journaled command so far (0 before the first). */
    public long engineTimeMillis()
    {
        return engineTimeMillis;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Time
    // ---------------------------------------------------------------------------------------------------------

    private void advanceTo(final long stampMillis)
    {
        if (stampMillis > engineTimeMillis)
        {
            engineTimeMillis = stampMillis;
        }
        final long now = engineTimeMillis;
        DueWork work;
        while ((work = book.due.first()) != null && work.dueAt <= now)
        {
            book.due.remove(work);
            PendingLinks.resolve(work, members, purchases);
            switch (work.kind)
            {
                case HOLD_TIMEOUT -> expireHold(work.purchase, now);
                case ACTIVATE -> book.activate(work.lot, now);
                case EXPIRE -> book.expire(work.lot, now);
                case TIER_WINDOW -> gamification.onWindowDue(work.member, now);
                case BOARD_PERIOD -> gamification.onBoardDue(work.board, now);
                default -> throw new IllegalStateException("unknown due work " + work.kind);
            }
        }
    }

    private void expireHold(final Purchase p, final long now)
    {
        p.holdTimeout = null;
        if (p.status != PurchaseStatus.AUTHORIZED)
        {
            return;
        }
        closeAuthorization(p, now);
        p.status = PurchaseStatus.EXPIRED;
    }

    /** Releases an open authorization's hold (RELEASE), its promotion limits and coupons, and frees its slot. */
    private void closeAuthorization(final Purchase p, final long now)
    {
        book.cancelHoldTimeout(p.holdTimeout);
        p.holdTimeout = null;
        final Member m = p.member == null ? null : p.member.live();
        if (m != null)
        {
            book.release(m, p.hold, p.txId, now);
            m.openAuthorizations--;
        }
        for (int i = 0, size = p.charges.size(); i < size; i++)
        {
            p.charges.get(i).release(m == null ? null : m.promotionUses);
        }
        p.hold = List.of();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Idempotency and lookups
    // ---------------------------------------------------------------------------------------------------------

    private static ErrorReply error(final ErrorCode code, final String message)
    {
        return ErrorReply.of(code, message);
    }

    private static ErrorReply invalid(final String message)
    {
        return ErrorReply.of(ErrorCode.INVALID_REQUEST, message);
    }

    private static Reply replay(final KeyEntry prior, final Command command, final String keyName, final String key)
    {
        if (prior.command().sameBody(command))
        {
            return prior.reply();
        }
        return error(ErrorCode.IDEMPOTENCY_CONFLICT, keyName + " " + key + " was already used with a different body");
    }

    private LinkedHashMap<String, KeyEntry> keysOf(final CommandType type)
    {
        return requestKeys.get(type);
    }

    private static boolean badId(final String id)
    {
        return PromotionValidation.badId(id);
    }

    private static String describe(final Identifier id)
    {
        return id.type().name().toLowerCase() + " " + id.value();
    }

    /**
     * The live member a reference names as seen by the caller's scope, or null with {@link #lookupError} set:
     * 404 MEMBER_NOT_FOUND (also for another partner's member), or 410 MEMBER_MERGED with the target's id.
     */
    private Member resolveMember(final String scopePartnerId, final MemberRef ref)
    {
        if (ref.memberId() != null)
        {
            return resolveMemberId(scopePartnerId, ref.memberId());
        }
        final Member m = byIdentifier.get(ref.identifier());
        if (m == null || (scopePartnerId != null && !scopePartnerId.equals(m.homePartnerId)))
        {
            lookupError = error(ErrorCode.MEMBER_NOT_FOUND, "no member with " + describe(ref.identifier()));
            return null;
        }
        return m;
    }

    private Member resolveMemberId(final String scopePartnerId, final String memberId)
    {
        final Member m = memberId == null ? null : members.get(memberId);
        if (m == null || (scopePartnerId != null && !scopePartnerId.equals(m.homePartnerId)))
        {
            lookupError = error(ErrorCode.MEMBER_NOT_FOUND, "no member " + memberId);
            return null;
        }
        if (m.mergedInto != null)
        {
            final String target = m.live().memberId;
            lookupError = new ErrorReply(
                ErrorCode.MEMBER_MERGED, "member " + memberId + " was merged into " + target, target);
            return null;
        }
        return m;
    }

    /** The purchase as seen by the caller's scope (a pos key sees only its partner's stores' purchases), or null. */
    private Purchase visiblePurchase(final String scopePartnerId, final String txId)
    {
        final Purchase p = txId == null ? null : purchases.get(txId);
        if (p == null || (scopePartnerId != null && !scopePartnerId.equals(p.partnerId())))
        {
            return null;
        }
        return p;
    }

    private static ErrorReply purchaseNotFound(final String txId)
    {
        return error(ErrorCode.PURCHASE_NOT_FOUND, "no purchase " + txId);
    }

    private static boolean addOverflows(final long a, final long b)
    {
        final long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Program, partners, stores
    // ---------------------------------------------------------------------------------------------------------

    private Reply setProgram(final Commands.SetProgram c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final String problem = programProblem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.SET_PROGRAM);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        program = new ProgramSettings(
            c.pointValueMinor(), c.baseEarnBp(), c.earnOn(), c.activationDelayHours(), c.pointsTtlDays(),
            c.maxRedeemShareBp(), c.holdTimeoutSeconds(), c.referrerPoints(), c.refereePoints());
        final Reply reply = new ProgramReply(program);
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private static String programProblem(final Commands.SetProgram c)
    {
        if (c.pointValueMinor() < 1 || c.pointValueMinor() > MAX_UNIT_PRICE)
        {
            return "pointValueMinor must be 1..100000000000";
        }
        if (c.baseEarnBp() < 0 || c.baseEarnBp() > 100_000)
        {
            return "baseEarnBp must be 0..100000";
        }
        if (c.earnOn() == null)
        {
            return "earnOn must be PAID or TOTAL";
        }
        if (c.activationDelayHours() < 0 || c.activationDelayHours() > 876_000)
        {
            return "activationDelayHours must be 0..876000";
        }
        if (c.pointsTtlDays() < 1 || c.pointsTtlDays() > 36_500)
        {
            return "pointsTtlDays must be 1..36500";
        }
        if (c.maxRedeemShareBp() < 0 || c.maxRedeemShareBp() > 10_000)
        {
            return "maxRedeemShareBp must be 0..10000";
        }
        if (c.holdTimeoutSeconds() < 1 || c.holdTimeoutSeconds() > 31_536_000)
        {
            return "holdTimeoutSeconds must be 1..31536000";
        }
        if (c.referrerPoints() < 0 || c.referrerPoints() > 1_000_000_000_000L ||
            c.refereePoints() < 0 || c.refereePoints() > 1_000_000_000_000L)
        {
            return "referral points must be 0..1000000000000";
        }
        return null;
    }

    private Reply putPartner(final Commands.PutPartner c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        if (badId(c.partnerId()))
        {
            return invalid("partnerId must be 1-64 printable characters");
        }
        if (c.name() == null || c.name().isEmpty())
        {
            return invalid("name is required");
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.PUT_PARTNER);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        final Partner partner = new Partner(c.partnerId(), c.name());
        partners.put(c.partnerId(), partner);
        keys.put(c.requestId(), new KeyEntry(c, partner));
        return partner;
    }

    private Reply putStore(final Commands.PutStore c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        if (badId(c.storeId()))
        {
            return invalid("storeId must be 1-64 printable characters");
        }
        if (c.channel() == null)
        {
            return invalid("channel is required");
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.PUT_STORE);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        if (c.partnerId() == null || !partners.containsKey(c.partnerId()))
        {
            return error(ErrorCode.PARTNER_NOT_FOUND, "no partner " + c.partnerId());
        }
        final Store store = new Store(c.storeId(), c.partnerId(), c.channel(), c.attributes());
        stores.put(c.storeId(), store);
        keys.put(c.requestId(), new KeyEntry(c, store));
        return store;
    }

    private Reply getPartner(final Commands.GetPartner c)
    {
        final Partner p = c.partnerId() == null ? null : partners.get(c.partnerId());
        return p != null ? p : error(ErrorCode.PARTNER_NOT_FOUND, "no partner " + c.partnerId());
    }

    private Reply getStore(final Commands.GetStore c)
    {
        final Store s = c.storeId() == null ? null : stores.get(c.storeId());
        if (s == null || (c.scopePartnerId() != null && !c.scopePartnerId().equals(s.partnerId())))
        {
            return error(ErrorCode.STORE_NOT_FOUND, "no store " + c.storeId());
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Promotions and coupons
    // ---------------------------------------------------------------------------------------------------------

    private Reply putPromotion(final Commands.PutPromotion c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final String problem = PromotionValidation.problem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.PUT_PROMOTION);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        final Reply reply = PromotionReply.of(promotions.put(c).definition(), promotions.entry(c.promotionId()));
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply getPromotion(final Commands.GetPromotion c)
    {
        final PromotionEntry entry = promotions.entry(c.promotionId());
        if (entry == null)
        {
            return error(ErrorCode.PROMOTION_NOT_FOUND, "no promotion " + c.promotionId());
        }
        return PromotionReply.of(entry.current().definition(), entry);
    }

    private Reply listPromotions()
    {
        final List<PromotionReply> list = new ArrayList<>(promotions.entries().size());
        for (final PromotionEntry entry : promotions.entries())
        {
            list.add(PromotionReply.of(entry.current().definition(), entry));
        }
        return new PromotionListReply(list);
    }

    private Reply createCoupons(final Commands.CreateCoupons c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final String problem = PromotionValidation.couponsProblem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.CREATE_COUPONS);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        if (promotions.entry(c.promotionId()) == null)
        {
            return error(ErrorCode.PROMOTION_NOT_FOUND, "no promotion " + c.promotionId());
        }
        final String conflict = promotions.couponConflict(c);
        if (conflict != null)
        {
            return error(ErrorCode.INVALID_STATE, conflict);
        }
        promotions.addCoupons(c);
        final Reply reply = new CouponsReply(c.promotionId(), c.usesPerCode(), c.generated(), c.codes());
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Members
    // ---------------------------------------------------------------------------------------------------------

    private Reply createMember(final Commands.CreateMember c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final List<Identifier> identifiers = c.identifiers();
        for (int i = 0, size = identifiers.size(); i < size; i++)
        {
            final Identifier id = identifiers.get(i);
            if (id.value().isEmpty() || id.value().length() > 256)
            {
                return invalid("identifiers[" + i + "].value must be 1-256 characters");
            }
            for (int k = 0; k < i; k++)
            {
                if (identifiers.get(k).equals(id))
                {
                    return invalid("identifiers[" + i + "] repeats " + describe(id));
                }
            }
        }
        if (c.birthday() != null)
        {
            try
            {
                LocalDate.parse(c.birthday());
            }
            catch (final DateTimeParseException ex)
            {
                return invalid("birthday must be a date (yyyy-MM-dd)");
            }
        }
        final KeyEntry prior = memberCreations.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        for (int i = 0, size = identifiers.size(); i < size; i++)
        {
            if (byIdentifier.containsKey(identifiers.get(i)))
            {
                return error(ErrorCode.IDENTIFIER_TAKEN, "identifier " + describe(identifiers.get(i)) + " is taken");
            }
        }
        String referrerId = null;
        if (c.referrerCode() != null)
        {
            final Member referrer = members.byReferralCode(c.referrerCode());
            if (referrer == null)
            {
                return error(ErrorCode.REFERRER_NOT_FOUND, "no member with referral code " + c.referrerCode());
            }
            referrerId = referrer.live().memberId;
        }

        final long number = ++memberCounter;
        final String homePartner = c.scopePartnerId() != null ? c.scopePartnerId() : MAIN_PARTNER;
        final Member m = new Member(
            Ids.memberId(number), number, homePartner, Ids.referralCode(number), referrerId, c.birthday());
        m.tier = gamification.startingTier();
        for (int i = 0, size = identifiers.size(); i < size; i++)
        {
            m.identifiers.add(identifiers.get(i));
            byIdentifier.put(identifiers.get(i), m);
        }
        if (!c.attributes().isEmpty())
        {
            m.attributesForWrite().putAll(c.attributes());
        }
        members.put(m.memberId, m);
        memberCreations.add(c, number, m.tier);
        return new MemberCreatedReply(m.memberId, m.referralCode, m.tier);
    }

    private Reply addIdentifier(final Commands.AddIdentifier c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.ADD_IDENTIFIER);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        final Identifier id = c.identifier();
        if (id == null || id.value().isEmpty() || id.value().length() > 256)
        {
            return invalid("identifier is required, its value 1-256 characters");
        }
        final Member m = resolveMemberId(c.scopePartnerId(), c.memberId());
        if (m == null)
        {
            return lookupError;
        }
        final Member owner = byIdentifier.get(id);
        if (owner != null && owner != m)
        {
            return error(ErrorCode.IDENTIFIER_TAKEN, "identifier " + describe(id) + " is taken");
        }
        if (owner == null)
        {
            m.identifiers.add(id);
            byIdentifier.put(id, m);
        }
        final Reply reply = MemberProfileReply.of(m, gamification.achievementList);
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply mergeMembers(final Commands.MergeMembers c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.MERGE_MEMBERS);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        final Member target = c.targetMemberId() == null ? null : members.get(c.targetMemberId());
        if (target == null)
        {
            return error(ErrorCode.MEMBER_NOT_FOUND, "no member " + c.targetMemberId());
        }
        final Member source = c.sourceMemberId() == null ? null : members.get(c.sourceMemberId());
        if (source == null)
        {
            return error(ErrorCode.MEMBER_NOT_FOUND, "no member " + c.sourceMemberId());
        }
        if (source == target)
        {
            return error(ErrorCode.INVALID_STATE, "cannot merge member " + target.memberId + " into itself");
        }
        if (target.mergedInto != null || source.mergedInto != null)
        {
            final Member merged = target.mergedInto != null ? target : source;
            return error(
                ErrorCode.INVALID_STATE,
                "member " + merged.memberId + " was already merged into " + merged.live().memberId);
        }
        if (addOverflows(target.total(), source.total()) ||
            addOverflows(target.stats.spentMinor, source.stats.spentMinor) ||
            addOverflows(target.stats.pointsEarned, source.stats.pointsEarned))
        {
            return invalid("merging " + source.memberId + " would overflow " + target.memberId + "'s totals");
        }

        book.merge(target, source);
        for (int i = 0, size = source.identifiers.size(); i < size; i++)
        {
            final Identifier id = source.identifiers.get(i);
            target.identifiers.add(id);
            byIdentifier.put(id, target);
        }
        source.identifiers.clear();
        for (final Map.Entry<String, String> e : source.attributes.entrySet())
        {
            target.attributesForWrite().putIfAbsent(e.getKey(), e.getValue());
        }
        source.attributes.clear();
        target.statsForWrite().add(source.stats);
        source.stats.clear();
        target.openAuthorizations += source.openAuthorizations;
        source.openAuthorizations = 0;
        target.promotionUses.mergeFrom(source.promotionUses);
        gamification.merge(target, source, engineTimeMillis);
        source.mergedInto = target;

        final Reply reply = new MergeReply(target.memberId, source.memberId, BalanceView.of(target));
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply adjustPoints(final Commands.AdjustPoints c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final long points = c.points();
        if (points == 0 || points == Long.MIN_VALUE)
        {
            return invalid("points must be a non-zero integer");
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.ADJUST_POINTS);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        final Member m = resolveMemberId(null, c.memberId());
        if (m == null)
        {
            return lookupError;
        }
        if (points > 0)
        {
            if (addOverflows(m.total(), points) || addOverflows(m.available, points) ||
                addOverflows(book.totalAdjustedIn, points))
            {
                return invalid("points would overflow the balance");
            }
        }
        else if (m.available < -points)
        {
            return error(
                ErrorCode.INSUFFICIENT_POINTS,
                "member " + m.memberId + " has " + m.available + " available points, " + (-points) + " asked");
        }
        book.adjust(m, points, c.reason(), engineTimeMillis, program.pointsTtlDays());
        final Reply reply = new AdjustmentReply(m.memberId, points, BalanceView.of(m));
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply getMember(final Commands.GetMember c)
    {
        if (c.member() == null)
        {
            return invalid("member is required");
        }
        final Member m = resolveMember(c.scopePartnerId(), c.member());
        return m == null ? lookupError : MemberProfileReply.of(m, gamification.achievementList);
    }

    private Reply getLedger(final Commands.GetLedger c)
    {
        if (c.limit() < 1 || c.limit() > MAX_LEDGER_LIMIT)
        {
            return invalid("limit must be 1..1000");
        }
        final Member m = resolveMemberId(c.scopePartnerId(), c.memberId());
        if (m == null)
        {
            return lookupError;
        }
        final ArrayList<LedgerEntry> ledger = m.ledger;
        int end = ledger.size();
        if (c.before() >= 0)
        {
            int lo = 0;
            int hi = ledger.size();
            while (lo < hi)
            {
                final int mid = (lo + hi) >>> 1;
                if (ledger.get(mid).seq() < c.before())
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            end = lo;
        }
        final int start = Math.max(0, end - c.limit());
        final ArrayList<LedgerEntry> entries = new ArrayList<>(end - start);
        for (int i = end - 1; i >= start; i--)
        {
            entries.add(ledger.get(i));
        }
        return new LedgerReply(entries, start > 0 ? ledger.get(start).seq() : LedgerReply.NO_MORE);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Purchases
    // ---------------------------------------------------------------------------------------------------------

    /** The outcome of pricing a purchase request, reused by every purchase command (single-threaded). */
    private static final class Quote
    {
        Store store;
        Member member;
        long occurredAt;
        int offsetSeconds;
        PricedCheque priced;
        long pointsToEarn;
        List<PromotionCharge> charges = List.of();
        List<CouponResult> coupons = List.of();

        void clear()
        {
            store = null;
            member = null;
            priced = null;
            charges = List.of();
            coupons = List.of();
        }
    }

    private static String requestProblem(final PurchaseRequest r)
    {
        if (badId(r.storeId()))
        {
            return "storeId must be 1-64 printable characters";
        }
        final List<Line> lines = r.lines();
        if (lines.isEmpty() || lines.size() > MAX_LINES)
        {
            return "lines must have 1..200 lines";
        }
        for (int i = 0, size = lines.size(); i < size; i++)
        {
            final Line l = lines.get(i);
            if (badId(l.sku()))
            {
                return "lines[" + i + "].sku must be 1-64 printable characters";
            }
            if (l.qty() < 1 || l.qty() > MAX_QTY)
            {
                return "lines[" + i + "].qty must be 1..100000";
            }
            if (l.unitPrice() < 0 || l.unitPrice() > MAX_UNIT_PRICE)
            {
                return "lines[" + i + "].unitPrice must be 0..100000000000";
            }
        }
        if (r.redeemPoints() < 0)
        {
            return "redeemPoints must be >= 0 or \"MAX\"";
        }
        return null;
    }

    /**
     * The checks that come before the idempotency key: the body (400), the store (404) and the pos key's
     * partner (403). Leaves the store and occurredAt in {@link #quote}; returns the rejection, or null.
     */
    private ErrorReply checkRequest(final String scopePartnerId, final PurchaseRequest r)
    {
        quote.clear();
        final String problem = requestProblem(r);
        if (problem != null)
        {
            return invalid(problem);
        }
        long occurredAt = engineTimeMillis;
        int offsetSeconds = 0;
        if (r.occurredAt() != null)
        {
            occurredAt = Times.parseOffsetDateTime(r.occurredAt(), offsetScratch);
            if (occurredAt == Times.UNPARSEABLE)
            {
                return invalid("occurredAt must be an ISO-8601 date-time with offset");
            }
            offsetSeconds = offsetScratch[0];
        }
        final Store store = stores.get(r.storeId());
        if (store == null)
        {
            return error(ErrorCode.STORE_NOT_FOUND, "no store " + r.storeId());
        }
        if (scopePartnerId != null && !scopePartnerId.equals(store.partnerId()))
        {
            return error(ErrorCode.FORBIDDEN, "store " + r.storeId() + " belongs to another partner");
        }
        quote.store = store;
        quote.occurredAt = occurredAt;
        quote.offsetSeconds = offsetSeconds;
        return null;
    }

    /**
     * Prices a request that passed {@link #checkRequest} into {@link #quote}; returns the rejection, or null.
     * Checks the member (404/410), an anonymous redemption (422), the member's open holds when
     * {@code checkHolds} (422), then matches the promotions, prices (400/422 from the pricer) and checks the
     * totals cannot overflow. The quote's charges and coupon answers say what the promotions would hold.
     */
    private ErrorReply priceRequest(final String scopePartnerId, final PurchaseRequest r, final boolean checkHolds)
    {
        Member m = null;
        if (r.member() != null)
        {
            m = resolveMember(scopePartnerId, r.member());
            if (m == null)
            {
                return lookupError;
            }
            if (checkHolds && m.openAuthorizations >= maxOpenHoldsPerMember)
            {
                return error(
                    ErrorCode.TOO_MANY_HOLDS,
                    "member " + m.memberId + " has " + m.openAuthorizations + " open authorizations");
            }
        }
        else if (!r.redeemMax() && r.redeemPoints() > 0)
        {
            return error(ErrorCode.INSUFFICIENT_POINTS, "an anonymous sale cannot redeem points");
        }
        final Store store = quote.store;
        cheque.store(store.storeId(), store.partnerId(), store.channel(), store.attributes())
            .purchase(r.payment(), r.lines(), r.coupons())
            .occurredAt(quote.occurredAt, quote.offsetSeconds);
        describeMember(m);
        promotions.select(cheque, program, selection);
        if (!pricer.price(r.lines(), program, m == null ? 0 : m.available, r.redeemPoints(), r.redeemMax(), m != null,
            selection.effects(), pricing))
        {
            return error(pricing.error(), pricing.errorMessage());
        }
        selection.settle(pricing);
        final PricedCheque priced = pricing.toCheque();
        if (m != null && (addOverflows(m.stats.spentMinor, priced.payable()) ||
            addOverflows(m.total(), priced.pointsToEarn()) || addOverflows(book.totalEarned, priced.pointsToEarn())))
        {
            return invalid("the purchase would overflow the member's totals");
        }
        quote.member = m;
        quote.priced = priced;
        quote.pointsToEarn = m == null ? 0 : priced.pointsToEarn();
        quote.charges = selection.charges();
        quote.coupons = selection.couponResults();
        return null;
    }

    /** The member facts promotion conditions read; a purchase is the first while none was captured or is open. */
    private void describeMember(final Member m)
    {
        if (m == null)
        {
            cheque.anonymous();
            return;
        }
        cheque.member(m.tier, m.attributes.get("segment"), m.birthMonth, m.birthDay,
            m.stats.purchases == 0 && m.openAuthorizations == 0, m.promotionUses);
    }

    private Reply authorize(final Commands.Authorize c)
    {
        final PurchaseRequest r = c.request();
        if (r == null || badId(r.txId()))
        {
            return invalid("txId is required (1-64 printable characters)");
        }
        final ErrorReply bad = checkRequest(c.scopePartnerId(), r);
        if (bad != null)
        {
            return bad;
        }
        final Purchase existing = purchases.get(r.txId());
        if (existing != null)
        {
            return replayPurchase(existing, CommandType.AUTHORIZE, c);
        }
        final ErrorReply rejected = priceRequest(c.scopePartnerId(), r, true);
        if (rejected != null)
        {
            return rejected;
        }
        final long now = engineTimeMillis;
        final long holdExpiresAt = Times.plus(now, program.holdTimeoutSeconds(), Times.MILLIS_PER_SECOND);
        final Command kept = keptCommands.keep(c, r, quote.store, quote.member);
        final Purchase p = new Purchase(
            r.txId(), kept, quote.store, quote.member, quote.priced.withLines(KeptCommands.lines(kept)),
            quote.occurredAt, holdExpiresAt, quote.charges, quote.coupons);
        purchases.add(p);
        final Member m = quote.member;
        if (m != null)
        {
            p.hold = book.hold(m, quote.priced.pointsRedeemed(), p.txId, now);
            m.openAuthorizations++;
        }
        for (int i = 0, size = p.charges.size(); i < size; i++)
        {
            p.charges.get(i).reserve(m == null ? null : m.promotionUses);
        }
        p.holdTimeout = book.scheduleHoldTimeout(holdExpiresAt, p);
        p.keepAnswerBalance(m);
        return p;
    }

    private Reply oneShot(final Commands.OneShot c)
    {
        final PurchaseRequest r = c.request();
        if (r == null || badId(r.txId()))
        {
            return invalid("txId is required (1-64 printable characters)");
        }
        final ErrorReply bad = checkRequest(c.scopePartnerId(), r);
        if (bad != null)
        {
            return bad;
        }
        final Purchase existing = purchases.get(r.txId());
        if (existing != null)
        {
            return replayPurchase(existing, CommandType.ONE_SHOT, c);
        }
        ErrorReply rejected = priceRequest(c.scopePartnerId(), r, false);
        if (rejected == null)
        {
            rejected = planCapture(quote.member, quote.store.channel(), r.lines(), quote.priced, quote.pointsToEarn);
        }
        if (rejected != null)
        {
            return rejected;
        }
        final long now = engineTimeMillis;
        final Command kept = keptCommands.keep(c, r, quote.store, quote.member);
        final Purchase p = new Purchase(
            r.txId(), kept, quote.store, quote.member, quote.priced.withLines(KeptCommands.lines(kept)),
            quote.occurredAt, PurchaseReply.ABSENT, quote.charges, quote.coupons);
        purchases.add(p);
        final Member m = quote.member;
        if (m != null)
        {
            book.spend(m, quote.priced.pointsRedeemed(), p.txId, now);
        }
        for (int i = 0, size = p.charges.size(); i < size; i++)
        {
            p.charges.get(i).consumeNow(m == null ? null : m.promotionUses);
        }
        book(p, m, now);
        p.keepAnswerBalance(m);
        return p;
    }

    private static Reply replayPurchase(final Purchase existing, final CommandType op, final Command c)
    {
        if (existing.origin() != op)
        {
            return error(
                ErrorCode.IDEMPOTENCY_CONFLICT,
                "txId " + existing.txId + " was already used by " +
                (existing.origin() == CommandType.AUTHORIZE ? "an authorization" : "a one-shot purchase"));
        }
        if (existing.originCommand.sameBody(c))
        {
            return existing;
        }
        return error(ErrorCode.IDEMPOTENCY_CONFLICT, "txId " + existing.txId + " was already used with a different body");
    }

    /**
     * Plans what capturing a purchase of {@code m} does to its achievements and whether it pays a referral
     * ({@link #pendingReferrer}), and checks that the rewards cannot overflow a balance or a total; returns the
     * rejection, or null. Changes nothing.
     */
    private ErrorReply planCapture(
        final Member m, final Channel channel, final List<Line> lines, final PricedCheque priced, final long earned)
    {
        pendingReferrer = null;
        if (m == null)
        {
            return null;
        }
        final long rewards = gamification.planPurchase(m, channel, lines, priced, earned);
        final Member referrer = referrerToPay(m);
        final long refereePoints = referrer == null ? 0 : program.refereePoints();
        final long referrerPoints = referrer == null ? 0 : program.referrerPoints();
        if (rewards < 0 || addOverflows(rewards, refereePoints) || addOverflows(earned, rewards + refereePoints) ||
            addOverflows(m.total(), earned + rewards + refereePoints) ||
            addOverflows(m.stats.pointsEarned, earned + rewards + refereePoints) ||
            addOverflows(book.totalAchievement, rewards) ||
            addOverflows(book.totalReferral, refereePoints + referrerPoints) ||
            (referrer != null && (addOverflows(referrer.total(), referrerPoints) ||
                addOverflows(referrer.stats.pointsEarned, referrerPoints))))
        {
            return invalid("the purchase's rewards would overflow a member's totals");
        }
        pendingReferrer = referrer;
        return null;
    }

    /**
     * The live member a captured purchase of {@code m} pays referral points to: its referrer, if this is its first
     * captured purchase (counting what merges brought in) and the referrer is not, after merges, itself.
     */
    private Member referrerToPay(final Member m)
    {
        if (m.referrerId == null || m.stats.purchases != 0)
        {
            return null;
        }
        final Member referrer = members.get(m.referrerId).live();
        return referrer == m ? null : referrer;
    }

    /** Credits both sides of a referral (REFERRAL entries); returns the referee's points. */
    private long payReferral(final Member referee, final Member referrer, final Purchase p, final long now)
    {
        final long ttlDays = program.pointsTtlDays();
        final long toReferrer = program.referrerPoints();
        if (toReferrer > 0)
        {
            book.credit(referrer, LedgerType.REFERRAL, toReferrer, p.txId, referee.memberId, now, ttlDays);
            referrer.statsForWrite().recordCredit(toReferrer);
            gamification.countPoints(referrer, p.partnerId(), toReferrer, now);
        }
        final long toReferee = program.refereePoints();
        if (toReferee > 0)
        {
            book.credit(referee, LedgerType.REFERRAL, toReferee, p.txId, referrer.memberId, now, ttlDays);
            referee.statsForWrite().recordCredit(toReferee);
        }
        return toReferee;
    }

    /**
     * Books a purchase whose redeemed points are already spent: earn, stats, the referral and the achievements
     * {@link #planCapture} planned, tiers and boards, status CAPTURED, capture answer.
     */
    private void book(final Purchase p, final Member m, final long now)
    {
        final PricedCheque priced = p.priced;
        final long earned = p.pointsToEarn();
        p.booked = true;
        List<UnlockView> unlocked = List.of();
        if (m != null)
        {
            if (earned > 0)
            {
                p.earnedLot = book.earn(
                    m, earned, p.txId, now, program.activationDelayHours(), program.pointsTtlDays());
            }
            m.statsForWrite().recordPurchase(p.channel(), priced.payable(), earned, priced.pointsRedeemed(), p.occurredAtMillis);
            long credited = earned;
            if (pendingReferrer != null)
            {
                credited += payReferral(m, pendingReferrer, p, now);
                pendingReferrer = null;
            }
            unlocked = gamification.commitPlan(m, p.txId, now, program.pointsTtlDays());
            for (int i = 0, size = unlocked.size(); i < size; i++)
            {
                credited += unlocked.get(i).points();
            }
            gamification.countPurchase(m, p, credited, now);
        }
        p.status = PurchaseStatus.CAPTURED;
        p.unlocked = unlocked;
        p.keepClosingBalance(m);
    }

    private Reply capture(final Commands.Capture c)
    {
        final Purchase p = visiblePurchase(c.scopePartnerId(), c.txId());
        if (p == null)
        {
            return purchaseNotFound(c.txId());
        }
        if (p.booked)
        {
            return new CaptureReply(p);
        }
        if (p.status != PurchaseStatus.AUTHORIZED)
        {
            return error(ErrorCode.INVALID_STATE, "purchase " + p.txId + " is " + p.status.name() + ", not AUTHORIZED");
        }
        final Member m = p.member == null ? null : p.member.live();
        if (m != null && (addOverflows(m.stats.spentMinor, p.priced.payable()) || addOverflows(m.total(), p.pointsToEarn())))
        {
            return invalid("the purchase would overflow the member's totals");
        }
        final ErrorReply overflow = planCapture(m, p.channel(), p.request().lines(), p.priced, p.pointsToEarn());
        if (overflow != null)
        {
            return overflow;
        }
        final long now = engineTimeMillis;
        book.cancelHoldTimeout(p.holdTimeout);
        p.holdTimeout = null;
        if (m != null)
        {
            book.redeem(m, p.hold, p.txId, now);
            m.openAuthorizations--;
        }
        for (int i = 0, size = p.charges.size(); i < size; i++)
        {
            p.charges.get(i).consume(m == null ? null : m.promotionUses);
        }
        p.hold = List.of();
        book(p, m, now);
        return new CaptureReply(p);
    }

    private Reply voidPurchase(final Commands.VoidPurchase c)
    {
        final Purchase p = visiblePurchase(c.scopePartnerId(), c.txId());
        if (p == null)
        {
            return purchaseNotFound(c.txId());
        }
        if (p.status == PurchaseStatus.VOIDED)
        {
            return new VoidReply(p);
        }
        if (p.status != PurchaseStatus.AUTHORIZED)
        {
            return error(ErrorCode.INVALID_STATE, "purchase " + p.txId + " is " + p.status.name() + ", not AUTHORIZED");
        }
        closeAuthorization(p, engineTimeMillis);
        p.status = PurchaseStatus.VOIDED;
        p.keepClosingBalance(p.member == null ? null : p.member.live());
        return new VoidReply(p);
    }

    private Reply refund(final Commands.Refund c)
    {
        if (badId(c.refundId()))
        {
            return invalid("refundId is required (1-64 printable characters)");
        }
        final String problem = refundProblem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        final KeyEntry prior = refunds.get(c.refundId());
        if (prior != null)
        {
            return replay(prior, c, "refundId", c.refundId());
        }
        final Purchase p = visiblePurchase(c.scopePartnerId(), c.txId());
        if (p == null)
        {
            return purchaseNotFound(c.txId());
        }
        if (!p.status.captured())
        {
            return error(ErrorCode.INVALID_STATE, "purchase " + p.txId + " is " + p.status.name() + ", not captured");
        }
        final RefundOutcome out = refundCalculator.refund(
            p.request().lines(), p.priced, p.pointsEarned(), p.refundedAmountPerLine(), p.refundedQtyPerLine(),
            p.cumulativeReversed(), p.cumulativeReturned(), c.lines(), c.amount());
        if (!out.ok())
        {
            return error(out.error(), out.errorMessage());
        }
        final Member m = p.member == null ? null : p.member.live();
        if (m != null && addOverflows(m.total(), out.pointsReturned()))
        {
            return invalid("the refund would overflow the member's balance");
        }

        final long now = engineTimeMillis;
        if (m != null)
        {
            if (out.pointsReversed() > 0)
            {
                book.reverse(m, p.earnedLot, out.pointsReversed(), p.txId, now);
            }
            if (out.pointsReturned() > 0)
            {
                book.returnRedeemed(m, out.pointsReturned(), p.txId, now, program.pointsTtlDays());
            }
            m.statsForWrite().recordRefund(p.channel(), out.money());
            gamification.refund(m, p, out.money(), out.pointsReversed(), p.refundedAmountPerLine(),
                out.refundedAmountPerLine(), now);
        }
        final Purchase.Refunds refunded = p.refunds == null ? new Purchase.Refunds() : p.refunds;
        refunded.amountPerLine = out.refundedAmountPerLine().clone();
        refunded.qtyPerLine = out.refundedQtyPerLine().clone();
        refunded.amount = out.cumulativeAmount();
        refunded.money += out.money();
        refunded.reversed = out.cumulativeReversed();
        refunded.returned = out.cumulativeReturned();
        p.refunds = refunded;
        p.status = out.fullyRefunded() ? PurchaseStatus.REFUNDED : PurchaseStatus.PARTIALLY_REFUNDED;
        for (int i = 0, size = p.charges.size(); i < size; i++)
        {
            p.charges.get(i).refund(
                m == null ? null : m.promotionUses, p.cumulativeReversed(), p.pointsEarned(), out.fullyRefunded());
        }
        final Reply reply = new RefundReply(
            p.txId, c.refundId(), p.status, out.amount(), out.money(), out.pointsReversed(), out.pointsReturned(),
            refundedView(p), m == null ? null : BalanceView.of(m));
        refunds.put(c.refundId(), new KeyEntry(c, reply));
        return reply;
    }

    private static String refundProblem(final Commands.Refund c)
    {
        final List<RefundLine> lines = c.lines();
        if (lines.isEmpty() == (c.amount() < 0))
        {
            return "give either lines or amount";
        }
        if (lines.isEmpty() && c.amount() == 0)
        {
            return "amount must be positive";
        }
        for (int i = 0, size = lines.size(); i < size; i++)
        {
            final RefundLine l = lines.get(i);
            if (badId(l.sku()))
            {
                return "lines[" + i + "].sku must be 1-64 printable characters";
            }
            if (l.qty() < 1 || l.qty() > MAX_QTY)
            {
                return "lines[" + i + "].qty must be 1..100000";
            }
        }
        return null;
    }

    private static RefundedView refundedView(final Purchase p)
    {
        return new RefundedView(p.refundedAmount(), p.cumulativeReversed(), p.cumulativeReturned());
    }

    private Reply getPurchase(final Commands.GetPurchase c)
    {
        final Purchase p = visiblePurchase(c.scopePartnerId(), c.txId());
        return p == null ? purchaseNotFound(c.txId()) : purchaseReply(p, true);
    }

    private Reply calculate(final Commands.Calculate c)
    {
        final PurchaseRequest r = c.request();
        if (r == null)
        {
            return invalid("a purchase body is required");
        }
        ErrorReply rejected = checkRequest(c.scopePartnerId(), r);
        if (rejected == null)
        {
            rejected = priceRequest(c.scopePartnerId(), r, false);
        }
        if (rejected != null)
        {
            return rejected;
        }
        final Member m = quote.member;
        return new PurchaseReply(
            null, null, "CALCULATED", m == null ? null : m.memberId, quote.store.storeId(), quote.priced,
            quote.pointsToEarn, quote.coupons, m == null ? null : BalanceView.of(m), PurchaseReply.ABSENT,
            PurchaseReply.ABSENT, null, null);
    }

    /** The authorize shape of a purchase as it is now; {@code withRefunds} adds what was refunded (GET). */
    private static PurchaseReply purchaseReply(final Purchase p, final boolean withRefunds)
    {
        final Member m = p.member == null ? null : p.member.live();
        return new PurchaseReply(
            p.txId,
            p.status,
            p.status.name(),
            p.member == null ? null : p.member.memberId,
            p.storeId(),
            p.priced,
            p.pointsToEarn(),
            p.coupons,
            m == null ? null : BalanceView.of(m),
            p.status == PurchaseStatus.AUTHORIZED ? p.holdExpiresAt : PurchaseReply.ABSENT,
            p.status.captured() ? p.pointsEarned() : PurchaseReply.ABSENT,
            p.status.captured() ? p.unlocked : null,
            withRefunds && (p.status == PurchaseStatus.PARTIALLY_REFUNDED || p.status == PurchaseStatus.REFUNDED) ?
                refundedView(p) : null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Activities
    // ---------------------------------------------------------------------------------------------------------

    private static String activityProblem(final Commands.RecordActivity c)
    {
        if (c.member() == null)
        {
            return "member is required";
        }
        if (!PromotionValidation.upperSnake(c.activityType()))
        {
            return "type must be an UPPER_SNAKE activity type (1-64 of A-Z, 0-9, _)";
        }
        if (badId(c.storeId()))
        {
            return "storeId must be 1-64 printable characters";
        }
        if (c.attributes().size() > MAX_ACTIVITY_ATTRIBUTES)
        {
            return "attributes may have at most 50 entries";
        }
        for (final Map.Entry<String, String> e : c.attributes().entrySet())
        {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 64)
            {
                return "attributes keys must be 1-64 characters";
            }
            if (e.getValue() == null || e.getValue().length() > 256)
            {
                return "attributes." + e.getKey() + " must be a string of at most 256 characters";
            }
        }
        return null;
    }

    private Reply recordActivity(final Commands.RecordActivity c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final String problem = activityProblem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        long occurredAt = engineTimeMillis;
        int offsetSeconds = 0;
        if (c.occurredAt() != null)
        {
            occurredAt = Times.parseOffsetDateTime(c.occurredAt(), offsetScratch);
            if (occurredAt == Times.UNPARSEABLE)
            {
                return invalid("occurredAt must be an ISO-8601 date-time with offset");
            }
            offsetSeconds = offsetScratch[0];
        }
        final Store store = stores.get(c.storeId());
        if (store == null)
        {
            return error(ErrorCode.STORE_NOT_FOUND, "no store " + c.storeId());
        }
        if (c.scopePartnerId() != null && !c.scopePartnerId().equals(store.partnerId()))
        {
            return error(ErrorCode.FORBIDDEN, "store " + c.storeId() + " belongs to another partner");
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.RECORD_ACTIVITY);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        final Member m = resolveMember(c.scopePartnerId(), c.member());
        if (m == null)
        {
            return lookupError;
        }

        cheque.store(store.storeId(), store.partnerId(), store.channel(), store.attributes())
            .activity(c.activityType())
            .occurredAt(occurredAt, offsetSeconds);
        describeMember(m);
        promotions.selectActivity(cheque, program, selection);
        final long points = selection.totalPoints();
        final long rewards = gamification.planActivity(m, c.activityType(), points);
        if (addOverflows(m.total(), points) || addOverflows(book.totalActivity, points) ||
            addOverflows(m.stats.pointsEarned, points) || rewards < 0 || addOverflows(points, rewards) ||
            addOverflows(m.total(), points + rewards) || addOverflows(m.stats.pointsEarned, points + rewards) ||
            addOverflows(book.totalAchievement, rewards))
        {
            return invalid("the activity's points would overflow the member's totals");
        }
        final long now = engineTimeMillis;
        final List<PromotionCharge> charges = selection.charges();
        for (int i = 0, size = charges.size(); i < size; i++)
        {
            charges.get(i).consumeNow(m.promotionUses);
        }
        if (points > 0)
        {
            book.creditActivity(m, points, c.activityType(), now, program.pointsTtlDays());
            m.statsForWrite().recordActivity(points);
        }
        final List<UnlockView> unlocked = gamification.commitPlan(m, null, now, program.pointsTtlDays());
        long credited = points;
        for (int i = 0, size = unlocked.size(); i < size; i++)
        {
            credited += unlocked.get(i).points();
        }
        gamification.countPoints(m, store.partnerId(), credited, now);
        final Reply reply = new ActivityReply(
            c.requestId(), m.memberId, c.activityType(), points, selection.applied(), unlocked, BalanceView.of(m));
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tiers, achievements, leaderboards
    // ---------------------------------------------------------------------------------------------------------

    private Reply putTiers(final GamificationCommands.PutTiers c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final String problem = GamificationValidation.tiersProblem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.PUT_TIERS);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        gamification.putTiers(c, members.values(), engineTimeMillis);
        final Reply reply = new TiersReply(gamification.tiers);
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply putAchievement(final GamificationCommands.PutAchievement c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final String problem = GamificationValidation.achievementProblem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.PUT_ACHIEVEMENT);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        final Achievement existing = gamification.achievements.get(c.achievementId());
        if (existing != null && !existing.metricText.equals(c.metric()))
        {
            return error(ErrorCode.INVALID_STATE, "achievement " + c.achievementId() + " counts " +
                existing.metricText + "; its metric cannot change (define a new achievement)");
        }
        if (existing == null && gamification.achievementList.size() >= GamificationValidation.MAX_ACHIEVEMENTS)
        {
            return error(ErrorCode.INVALID_STATE,
                "there are already " + GamificationValidation.MAX_ACHIEVEMENTS + " achievements");
        }
        final Reply reply = AchievementReply.of(gamification.putAchievement(c, engineTimeMillis));
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply putLeaderboard(final GamificationCommands.PutLeaderboard c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final String problem = GamificationValidation.leaderboardProblem(c);
        if (problem != null)
        {
            return invalid(problem);
        }
        final LinkedHashMap<String, KeyEntry> keys = keysOf(CommandType.PUT_LEADERBOARD);
        final KeyEntry prior = keys.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        if (c.partnerId() != null && !partners.containsKey(c.partnerId()))
        {
            return error(ErrorCode.PARTNER_NOT_FOUND, "no partner " + c.partnerId());
        }
        Leaderboard board = gamification.boards.get(c.boardId());
        if (board != null && (board.metric != c.metric() || board.period != c.period() ||
            !java.util.Objects.equals(board.partnerId, c.partnerId())))
        {
            return error(ErrorCode.INVALID_STATE, "leaderboard " + c.boardId() + " counts " + board.metric + " by " +
                board.period + (board.partnerId == null ? "" : " at " + board.partnerId) +
                "; a board cannot change (define a new one)");
        }
        if (board == null && gamification.boardList.size() >= GamificationValidation.MAX_LEADERBOARDS)
        {
            return error(ErrorCode.INVALID_STATE,
                "there are already " + GamificationValidation.MAX_LEADERBOARDS + " leaderboards");
        }
        if (board == null)
        {
            board = gamification.putLeaderboard(c, engineTimeMillis);
        }
        final Reply reply = LeaderboardReply.of(board, 0);
        keys.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply getAchievement(final GamificationCommands.GetAchievement c)
    {
        final Achievement a = c.achievementId() == null ? null : gamification.achievements.get(c.achievementId());
        return a == null ? error(ErrorCode.ACHIEVEMENT_NOT_FOUND, "no achievement " + c.achievementId()) :
            AchievementReply.of(a);
    }

    private Reply listAchievements()
    {
        final List<AchievementReply> list = new ArrayList<>(gamification.achievementList.size());
        for (final Achievement a : gamification.achievementList)
        {
            list.add(AchievementReply.of(a));
        }
        return new AchievementReply.ListReply(list);
    }

    private Reply getMemberAchievements(final GamificationCommands.GetMemberAchievements c)
    {
        final Member m = resolveMemberId(c.scopePartnerId(), c.memberId());
        return m == null ? lookupError :
            new MemberAchievementsReply(m.memberId, MemberAchievementView.all(gamification.achievementList, m));
    }

    /** The board as seen by the caller's scope: a pos key sees only its partner's boards. */
    private Leaderboard visibleBoard(final String scopePartnerId, final String boardId)
    {
        final Leaderboard b = boardId == null ? null : gamification.boards.get(boardId);
        if (b == null || (scopePartnerId != null && !scopePartnerId.equals(b.partnerId)))
        {
            lookupError = error(ErrorCode.LEADERBOARD_NOT_FOUND, "no leaderboard " + boardId);
            return null;
        }
        return b;
    }

    private Reply getLeaderboard(final GamificationCommands.GetLeaderboard c)
    {
        if (c.limit() < 1 || c.limit() > GamificationValidation.MAX_BOARD_LIMIT)
        {
            return invalid("limit must be 1.." + GamificationValidation.MAX_BOARD_LIMIT);
        }
        final Leaderboard b = visibleBoard(c.scopePartnerId(), c.boardId());
        return b == null ? lookupError : LeaderboardReply.of(b, c.limit());
    }

    private Reply getLeaderboardMember(final GamificationCommands.GetLeaderboardMember c)
    {
        final Leaderboard b = visibleBoard(c.scopePartnerId(), c.boardId());
        if (b == null)
        {
            return lookupError;
        }
        final Member m = resolveMemberId(c.scopePartnerId(), c.memberId());
        if (m == null)
        {
            return lookupError;
        }
        final int id = Gamification.rankId(m);
        return new LeaderboardReply.MemberReply(b.boardId, m.memberId, b.ranks.rank(id), b.ranks.value(id));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keys
    // ---------------------------------------------------------------------------------------------------------

    private Reply createKey(final Commands.CreateKey c)
    {
        if (badId(c.requestId()))
        {
            return invalid("requestId is required (1-64 printable characters)");
        }
        final LinkedHashMap<String, KeyEntry> requests = keysOf(CommandType.CREATE_KEY);
        final KeyEntry prior = requests.get(c.requestId());
        if (prior != null)
        {
            return replay(prior, c, "requestId", c.requestId());
        }
        if (badId(c.keyId()) || c.secretSha256Hex() == null || c.secretSha256Hex().isEmpty())
        {
            return invalid("keyId and the secret's hash are required");
        }
        if (c.role() == null)
        {
            return invalid("role must be pos or admin");
        }
        String partnerId = null;
        if (c.role() == KeyRole.POS)
        {
            if (c.partnerId() == null || !partners.containsKey(c.partnerId()))
            {
                return error(ErrorCode.PARTNER_NOT_FOUND, "no partner " + c.partnerId());
            }
            partnerId = c.partnerId();
        }
        if (keys.containsKey(c.keyId()))
        {
            return error(ErrorCode.INVALID_STATE, "key " + c.keyId() + " exists");
        }
        final ApiKey key = new ApiKey(c.keyId(), c.role(), partnerId, c.secretSha256Hex(), false);
        keys.put(key.keyId(), key);
        apiKeys.put(key);
        final Reply reply = new KeyCreatedReply(key.keyId(), key.role(), partnerId);
        requests.put(c.requestId(), new KeyEntry(c, reply));
        return reply;
    }

    private Reply revokeKey(final Commands.RevokeKey c)
    {
        final ApiKey key = c.keyId() == null ? null : keys.get(c.keyId());
        if (key == null)
        {
            return error(ErrorCode.KEY_NOT_FOUND, "no key " + c.keyId());
        }
        if (!key.revoked())
        {
            final ApiKey revoked = new ApiKey(key.keyId(), key.role(), key.partnerId(), key.secretSha256Hex(), true);
            keys.put(revoked.keyId(), revoked);
            apiKeys.put(revoked);
        }
        return new KeyRevokedReply(key.keyId());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Digest and invariants
    // ---------------------------------------------------------------------------------------------------------

    /** A hex SHA-256 over a canonical rendering of the whole state; equal states give equal digests. */
    public String stateDigest()
    {
        decodeAll();
        return StateDigest.of(this);
    }

    /**
     * Checks the ledger invariants: for every member {@code available + pending + held} equals the sum of its
     * ledger, and points issued (earned by purchases and activities) - redeemed - expired +- reversed +- adjusted
     * equals the sum of balances.
     *
     * <p>Exactly: per member, the buckets equal the ledger sum, {@code available == sum(spendable lots) - debt},
     * {@code pending == sum(pending lots)} and {@code held == sum(its open authorizations' holds)}; globally,
     * the running totals kept at posting time satisfy
     * {@code EARN + ACTIVITY + ADJUST(in) + REVERSE(returned) - REDEEM - EXPIRE - REVERSE(taken back) -
     * ADJUST(out) == sum(available + pending + held)}, and each total equals the sum of its kind over all ledgers.
     * Promotion holds too: each promotion's, coupon's and member's held uses and points equal what the open
     * authorizations' charges hold.
     *
     * @return one line per violation; empty when all hold.
     */
    public List<String> checkInvariants()
    {
        decodeAll();
        return InvariantCheck.check(this);
    }

    /**
     * Decodes every member and purchase a loaded snapshot still holds in its file, which links every due work
     * waiting for them: what the digest and the invariants look at is then all in memory.
     */
    private void decodeAll()
    {
        for (int n = 1; n <= members.size() && members.undecodedCount() > 0; n++)
        {
            members.byNumber(n);
        }
        for (int i = 0; i < purchases.size() && purchases.undecodedCount() > 0; i++)
        {
            purchases.values().get(i);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshots
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Writes the whole state into a snapshot's body: the logic's own sections and the promotions' section, in the
     * order {@link #readSnapshot} reads them (see {@link LogicSnapshot}). Throws {@link IllegalStateException} for
     * state it has no encoding for, so that no snapshot is written without it.
     */
    public void writeSnapshot(final SnapshotWriter out)
    {
        LogicSnapshot.write(this, out);
    }

    /**
     * A business logic in the state a snapshot's body holds: {@code readSnapshot(in).stateDigest()} equals the
     * digest of the logic that wrote it, and it answers every later command the same way.
     *
     * @param apiKeys the live keys the gateway reads; the snapshot's keys are put into it.
     */
    public static BusinessLogic readSnapshot(
        final SnapshotReader in, final ApiKeys apiKeys, final int maxOpenHoldsPerMember)
    {
        return LogicSnapshot.read(in, apiKeys, maxOpenHoldsPerMember);
    }

    /** A hash map capacity that holds {@code entries} without resizing (16, the default, for a few). */
    static int capacityFor(final int entries)
    {
        return Math.max(16, (int)Math.min(1 << 30, (long)(entries / 0.75) + 1));
    }

    void restoreScalars(final ProgramSettings program, final long memberCounter, final long engineTimeMillis)
    {
        this.program = program;
        this.memberCounter = memberCounter;
        this.engineTimeMillis = engineTimeMillis;
    }

    /** After a restore: what is derived from the due work. */
    void restored()
    {
        nextDueAtMillis = book.nextDueAt();
    }

    IdentifierIndex byIdentifier()
    {
        return byIdentifier;
    }

    ApiKeys apiKeys()
    {
        return apiKeys;
    }

    // Package-private views for StateDigest and InvariantCheck.

    ProgramSettings program()
    {
        return program;
    }

    Map<String, Partner> partners()
    {
        return partners;
    }

    Map<String, Store> stores()
    {
        return stores;
    }

    MemberTable members()
    {
        return members;
    }

    PurchaseIndex purchases()
    {
        return purchases;
    }

    KeptCommands keptCommands()
    {
        return keptCommands;
    }

    Map<String, KeyEntry> refunds()
    {
        return refunds;
    }

    EnumMap<CommandType, LinkedHashMap<String, KeyEntry>> requestKeys()
    {
        return requestKeys;
    }

    MemberCreations memberCreations()
    {
        return memberCreations;
    }

    Map<String, ApiKey> keys()
    {
        return keys;
    }

    PointsBook book()
    {
        return book;
    }

    Promotions promotions()
    {
        return promotions;
    }

    long memberCounter()
    {
        return memberCounter;
    }

    Gamification gamification()
    {
        return gamification;
    }
}
