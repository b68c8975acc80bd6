package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands.AddIdentifier;
import dev.loyalty.engine.command.Commands.AdjustPoints;
import dev.loyalty.engine.command.Commands.Authorize;
import dev.loyalty.engine.command.Commands.Capture;
import dev.loyalty.engine.command.Commands.CreateCoupons;
import dev.loyalty.engine.command.Commands.CreateKey;
import dev.loyalty.engine.command.Commands.CreateMember;
import dev.loyalty.engine.command.Commands.MergeMembers;
import dev.loyalty.engine.command.Commands.OneShot;
import dev.loyalty.engine.command.Commands.PutPartner;
import dev.loyalty.engine.command.Commands.PutPromotion;
import dev.loyalty.engine.command.Commands.PutStore;
import dev.loyalty.engine.command.Commands.RecordActivity;
import dev.loyalty.engine.command.Commands.Refund;
import dev.loyalty.engine.command.Commands.RevokeKey;
import dev.loyalty.engine.command.Commands.SetProgram;
import dev.loyalty.engine.command.Commands.Tick;
import dev.loyalty.engine.command.Commands.VoidPurchase;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.sbe.AddIdentifierDecoder;
import dev.loyalty.engine.sbe.AddIdentifierEncoder;
import dev.loyalty.engine.sbe.AdjustPointsDecoder;
import dev.loyalty.engine.sbe.AdjustPointsEncoder;
import dev.loyalty.engine.sbe.AuthorizeDecoder;
import dev.loyalty.engine.sbe.AuthorizeEncoder;
import dev.loyalty.engine.sbe.CaptureDecoder;
import dev.loyalty.engine.sbe.CaptureEncoder;
import dev.loyalty.engine.sbe.CreateCouponsDecoder;
import dev.loyalty.engine.sbe.CreateCouponsEncoder;
import dev.loyalty.engine.sbe.CreateKeyDecoder;
import dev.loyalty.engine.sbe.CreateKeyEncoder;
import dev.loyalty.engine.sbe.CreateMemberDecoder;
import dev.loyalty.engine.sbe.CreateMemberEncoder;
import dev.loyalty.engine.sbe.MemberRefKind;
import dev.loyalty.engine.sbe.MergeMembersDecoder;
import dev.loyalty.engine.sbe.MergeMembersEncoder;
import dev.loyalty.engine.sbe.MessageHeaderDecoder;
import dev.loyalty.engine.sbe.MessageHeaderEncoder;
import dev.loyalty.engine.sbe.OneShotDecoder;
import dev.loyalty.engine.sbe.OneShotEncoder;
import dev.loyalty.engine.sbe.PutPartnerDecoder;
import dev.loyalty.engine.sbe.PutPartnerEncoder;
import dev.loyalty.engine.sbe.PutPromotionDecoder;
import dev.loyalty.engine.sbe.PutPromotionEncoder;
import dev.loyalty.engine.sbe.PutStoreDecoder;
import dev.loyalty.engine.sbe.PutStoreEncoder;
import dev.loyalty.engine.sbe.PutAchievementDecoder;
import dev.loyalty.engine.sbe.PutLeaderboardDecoder;
import dev.loyalty.engine.sbe.PutTiersDecoder;
import dev.loyalty.engine.sbe.RecordActivityDecoder;
import dev.loyalty.engine.sbe.RecordActivityEncoder;
import dev.loyalty.engine.sbe.RefundDecoder;
import dev.loyalty.engine.sbe.RefundEncoder;
import dev.loyalty.engine.sbe.RevokeKeyDecoder;
import dev.loyalty.engine.sbe.RevokeKeyEncoder;
import dev.loyalty.engine.sbe.SetProgramDecoder;
import dev.loyalty.engine.sbe.SetProgramEncoder;
import dev.loyalty.engine.sbe.TickDecoder;
import dev.loyalty.engine.sbe.TickEncoder;
import dev.loyalty.engine.sbe.VoidPurchaseDecoder;
import dev.loyalty.engine.sbe.VoidPurchaseEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes journaled commands as the SBE messages of {@code sbe/loyalty-schema.xml} and decodes them back, so
 * that {@code decode(encode(c)).equals(c)} for every journaled command, nulls included.
 * <p>
 * A message is the standard 8-byte SBE {@code messageHeader} (block length, template id = the command's
 * {@link dev.loyalty.engine.command.CommandType#templateId()}, schema id, schema version) and the body: fixed
 * fields, then repeating groups, then var-length UTF-8 strings. A string's presence bit in the message's
 * {@code ...Presence} set tells null from empty; an enum's null value stands for a null enum.
 * <p>
 * The flyweights are preallocated and reused, and strings are encoded without allocating: one instance serves
 * one thread. Encoding a command that is not journaled, or one missing its purchase request, is a bug and
 * throws {@link IllegalArgumentException}; so does decoding bytes that are not a well-formed message.
 */
public final class CommandCodec
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    private final SetProgramEncoder setProgramEncoder = new SetProgramEncoder();
    private final PutPartnerEncoder putPartnerEncoder = new PutPartnerEncoder();
    private final PutStoreEncoder putStoreEncoder = new PutStoreEncoder();
    private final PutPromotionEncoder putPromotionEncoder = new PutPromotionEncoder();
    private final CreateCouponsEncoder createCouponsEncoder = new CreateCouponsEncoder();
    private final CreateMemberEncoder createMemberEncoder = new CreateMemberEncoder();
    private final AddIdentifierEncoder addIdentifierEncoder = new AddIdentifierEncoder();
    private final MergeMembersEncoder mergeMembersEncoder = new MergeMembersEncoder();
    private final AdjustPointsEncoder adjustPointsEncoder = new AdjustPointsEncoder();
    private final AuthorizeEncoder authorizeEncoder = new AuthorizeEncoder();
    private final CaptureEncoder captureEncoder = new CaptureEncoder();
    private final VoidPurchaseEncoder voidPurchaseEncoder = new VoidPurchaseEncoder();
    private final RefundEncoder refundEncoder = new RefundEncoder();
    private final RecordActivityEncoder recordActivityEncoder = new RecordActivityEncoder();
    private final CreateKeyEncoder createKeyEncoder = new CreateKeyEncoder();
    private final RevokeKeyEncoder revokeKeyEncoder = new RevokeKeyEncoder();
    private final TickEncoder tickEncoder = new TickEncoder();

    private final SetProgramDecoder setProgramDecoder = new SetProgramDecoder();
    private final PutPartnerDecoder putPartnerDecoder = new PutPartnerDecoder();
    private final PutStoreDecoder putStoreDecoder = new PutStoreDecoder();
    private final PutPromotionDecoder putPromotionDecoder = new PutPromotionDecoder();
    private final CreateCouponsDecoder createCouponsDecoder = new CreateCouponsDecoder();
    private final CreateMemberDecoder createMemberDecoder = new CreateMemberDecoder();
    private final AddIdentifierDecoder addIdentifierDecoder = new AddIdentifierDecoder();
    private final MergeMembersDecoder mergeMembersDecoder = new MergeMembersDecoder();
    private final AdjustPointsDecoder adjustPointsDecoder = new AdjustPointsDecoder();
    private final AuthorizeDecoder authorizeDecoder = new AuthorizeDecoder();
    private final CaptureDecoder captureDecoder = new CaptureDecoder();
    private final VoidPurchaseDecoder voidPurchaseDecoder = new VoidPurchaseDecoder();
    private final RefundDecoder refundDecoder = new RefundDecoder();
    private final RecordActivityDecoder recordActivityDecoder = new RecordActivityDecoder();
    private final CreateKeyDecoder createKeyDecoder = new CreateKeyDecoder();
    private final RevokeKeyDecoder revokeKeyDecoder = new RevokeKeyDecoder();
    private final TickDecoder tickDecoder = new TickDecoder();
    private final GamificationCodec gamificationCodec = new GamificationCodec(headerEncoder);

    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private int decodedLimit;
    /** Strings of fields whose values repeat (skus, categories, stores, payment, attributes), decoded shared. */
    private final SharedStrings shared = new SharedStrings(12);
    private final org.agrona.concurrent.UnsafeBuffer sharedView = new org.agrona.concurrent.UnsafeBuffer(0, 0);

    /**
     * Encodes a journaled command at {@code offset}.
     *
     * @return the message's length in bytes, header included.
     * @throws IllegalArgumentException if the command is not journaled or lacks a required part.
     */
    public int encode(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        final int bodyLength = switch (command.type())
        {
            case SET_PROGRAM -> encodeSetProgram((SetProgram)command, buffer, offset);
            case PUT_PARTNER -> encodePutPartner((PutPartner)command, buffer, offset);
            case PUT_STORE -> encodePutStore((PutStore)command, buffer, offset);
            case PUT_PROMOTION -> encodePutPromotion((PutPromotion)command, buffer, offset);
            case CREATE_COUPONS -> encodeCreateCoupons((CreateCoupons)command, buffer, offset);
            case CREATE_MEMBER -> encodeCreateMember((CreateMember)command, buffer, offset);
            case ADD_IDENTIFIER -> encodeAddIdentifier((AddIdentifier)command, buffer, offset);
            case MERGE_MEMBERS -> encodeMergeMembers((MergeMembers)command, buffer, offset);
            case ADJUST_POINTS -> encodeAdjustPoints((AdjustPoints)command, buffer, offset);
            case AUTHORIZE -> encodeAuthorize((Authorize)command, buffer, offset);
            case CAPTURE -> encodeCapture((Capture)command, buffer, offset);
            case VOID -> encodeVoid((VoidPurchase)command, buffer, offset);
            case ONE_SHOT -> encodeOneShot((OneShot)command, buffer, offset);
            case REFUND -> encodeRefund((Refund)command, buffer, offset);
            case RECORD_ACTIVITY -> encodeRecordActivity((RecordActivity)command, buffer, offset);
            case CREATE_KEY -> encodeCreateKey((CreateKey)command, buffer, offset);
            case REVOKE_KEY -> encodeRevokeKey((RevokeKey)command, buffer, offset);
            case TICK -> tickEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder).encodedLength();
            case PUT_TIERS -> gamificationCodec.encodePutTiers((GamificationCommands.PutTiers)command, buffer, offset);
            case PUT_ACHIEVEMENT ->
                gamificationCodec.encodePutAchievement((GamificationCommands.PutAchievement)command, buffer, offset);
            case PUT_LEADERBOARD ->
                gamificationCodec.encodePutLeaderboard((GamificationCommands.PutLeaderboard)command, buffer, offset);
            default -> throw new IllegalArgumentException("not a journaled command: " + command.type());
        };
        return MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }

    /**
     * Decodes the command message of exactly {@code length} bytes at {@code offset}.
     *
     * @throws IllegalArgumentException if the bytes are not one well-formed command message of this schema.
     */
    public Command decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("message too short: " + length + " bytes");
        }
        view.wrap(buffer, offset, length);
        headerDecoder.wrap(view, 0);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            throw new IllegalArgumentException("unknown schema id " + headerDecoder.schemaId());
        }
        final int templateId = headerDecoder.templateId();
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int bodyOffset = MessageHeaderDecoder.ENCODED_LENGTH;
        final Command command;
        try
        {
            command = switch (templateId)
            {
                case SetProgramDecoder.TEMPLATE_ID ->
                    decodeSetProgram(setProgramDecoder.wrap(view, bodyOffset, blockLength, version));
                case PutPartnerDecoder.TEMPLATE_ID ->
                    decodePutPartner(putPartnerDecoder.wrap(view, bodyOffset, blockLength, version));
                case PutStoreDecoder.TEMPLATE_ID ->
                    decodePutStore(putStoreDecoder.wrap(view, bodyOffset, blockLength, version));
                case PutPromotionDecoder.TEMPLATE_ID ->
                    decodePutPromotion(putPromotionDecoder.wrap(view, bodyOffset, blockLength, version));
                case CreateCouponsDecoder.TEMPLATE_ID ->
                    decodeCreateCoupons(createCouponsDecoder.wrap(view, bodyOffset, blockLength, version));
                case RecordActivityDecoder.TEMPLATE_ID ->
                    decodeRecordActivity(recordActivityDecoder.wrap(view, bodyOffset, blockLength, version));
                case CreateMemberDecoder.TEMPLATE_ID ->
                    decodeCreateMember(createMemberDecoder.wrap(view, bodyOffset, blockLength, version));
                case AddIdentifierDecoder.TEMPLATE_ID ->
                    decodeAddIdentifier(addIdentifierDecoder.wrap(view, bodyOffset, blockLength, version));
                case MergeMembersDecoder.TEMPLATE_ID ->
                    decodeMergeMembers(mergeMembersDecoder.wrap(view, bodyOffset, blockLength, version));
                case AdjustPointsDecoder.TEMPLATE_ID ->
                    decodeAdjustPoints(adjustPointsDecoder.wrap(view, bodyOffset, blockLength, version));
                case AuthorizeDecoder.TEMPLATE_ID ->
                    decodePurchase(authorizeDecoder.wrap(view, bodyOffset, blockLength, version), false);
                case CaptureDecoder.TEMPLATE_ID ->
                    decodeCapture(captureDecoder.wrap(view, bodyOffset, blockLength, version));
                case VoidPurchaseDecoder.TEMPLATE_ID ->
                    decodeVoid(voidPurchaseDecoder.wrap(view, bodyOffset, blockLength, version));
                case OneShotDecoder.TEMPLATE_ID ->
                    decodePurchase(authorizeDecoder.wrap(view, bodyOffset, blockLength, version), true);
                case RefundDecoder.TEMPLATE_ID ->
                    decodeRefund(refundDecoder.wrap(view, bodyOffset, blockLength, version));
                case CreateKeyDecoder.TEMPLATE_ID ->
                    decodeCreateKey(createKeyDecoder.wrap(view, bodyOffset, blockLength, version));
                case RevokeKeyDecoder.TEMPLATE_ID ->
                    decodeRevokeKey(revokeKeyDecoder.wrap(view, bodyOffset, blockLength, version));
                case TickDecoder.TEMPLATE_ID -> decodeTick(tickDecoder.wrap(view, bodyOffset, blockLength, version));
                case PutTiersDecoder.TEMPLATE_ID ->
                    gamification(gamificationCodec.decodePutTiers(view, bodyOffset, blockLength, version));
                case PutAchievementDecoder.TEMPLATE_ID ->
                    gamification(gamificationCodec.decodePutAchievement(view, bodyOffset, blockLength, version));
                case PutLeaderboardDecoder.TEMPLATE_ID ->
                    gamification(gamificationCodec.decodePutLeaderboard(view, bodyOffset, blockLength, version));
                default -> throw new IllegalArgumentException("unknown template id " + templateId);
            };
        }
        catch (final IndexOutOfBoundsException | IllegalStateException | NullPointerException ex)
        {
            throw new IllegalArgumentException(
                "malformed message with template id " + templateId + ": " + ex.getMessage(), ex);
        }
        if (decodedLimit != length)
        {
            throw new IllegalArgumentException(
                "message with template id " + templateId + " is " + decodedLimit + " bytes, record says " + length);
        }
        return command;
    }

    private Command gamification(final Command command)
    {
        decodedLimit = gamificationCodec.decodedLimit();
        return command;
    }

    private int utf8(final String value)
    {
        if (value == null)
        {
            return 0;
        }
        scratch.checkLimit(Utf8.maxEncodedLength(value.length()));
        return Utf8.encode(value, scratch, 0);
    }

    private static String absent(final int skippedLength)
    {
        return null;
    }

    private static PurchaseRequest requireRequest(final PurchaseRequest request, final Command command)
    {
        if (request == null)
        {
            throw new IllegalArgumentException(command.type() + " without a purchase request");
        }
        return request;
    }

    private static MemberRefKind memberRefKind(final MemberRef member)
    {
        if (member == null)
        {
            return MemberRefKind.NULL_VAL;
        }
        return member.memberId() != null ? MemberRefKind.MEMBER_ID : MemberRefKind.IDENTIFIER;
    }

    private static dev.loyalty.engine.sbe.IdentifierType memberIdentifierType(final MemberRef member)
    {
        return member == null || member.identifier() == null ?
            dev.loyalty.engine.sbe.IdentifierType.NULL_VAL : SbeEnums.toSbe(member.identifier().type());
    }

    private static String memberRefValue(final MemberRef member)
    {
        if (member == null)
        {
            return null;
        }
        return member.memberId() != null ? member.memberId() : member.identifier().value();
    }

    private static MemberRef memberRef(
        final MemberRefKind kind, final dev.loyalty.engine.sbe.IdentifierType type, final String value)
    {
        return switch (kind)
        {
            case NULL_VAL -> null;
            case MEMBER_ID -> MemberRef.byId(value);
            case IDENTIFIER -> MemberRef.byIdentifier(SbeEnums.fromSbe(type), value);
        };
    }

    // ---------------------------------------------------------------------------------------------- configuration

    private int encodeSetProgram(final SetProgram c, final MutableDirectBuffer buffer, final int offset)
    {
        final SetProgramEncoder e = setProgramEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear().requestId(c.requestId() != null);
        e.earnOn(SbeEnums.toSbe(c.earnOn()))
            .pointValueMinor(c.pointValueMinor())
            .baseEarnBp(c.baseEarnBp())
            .activationDelayHours(c.activationDelayHours())
            .pointsTtlDays(c.pointsTtlDays())
            .maxRedeemShareBp(c.maxRedeemShareBp())
            .holdTimeoutSeconds(c.holdTimeoutSeconds())
            .referrerPoints(c.referrerPoints())
            .refereePoints(c.refereePoints());
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        return e.encodedLength();
    }

    private Command decodeSetProgram(final SetProgramDecoder d)
    {
        final boolean hasRequestId = d.presence().requestId();
        final dev.loyalty.engine.command.EarnOn earnOn = SbeEnums.fromSbe(d.earnOn());
        final long pointValueMinor = d.pointValueMinor();
        final long baseEarnBp = d.baseEarnBp();
        final long activationDelayHours = d.activationDelayHours();
        final long pointsTtlDays = d.pointsTtlDays();
        final long maxRedeemShareBp = d.maxRedeemShareBp();
        final long holdTimeoutSeconds = d.holdTimeoutSeconds();
        final long referrerPoints = d.referrerPoints();
        final long refereePoints = d.refereePoints();
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        decodedLimit = d.limit();
        return new SetProgram(
            requestId, pointValueMinor, baseEarnBp, earnOn, activationDelayHours, pointsTtlDays, maxRedeemShareBp,
            holdTimeoutSeconds, referrerPoints, refereePoints);
    }

    private int encodePutPartner(final PutPartner c, final MutableDirectBuffer buffer, final int offset)
    {
        final PutPartnerEncoder e = putPartnerEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .partnerId(c.partnerId() != null)
            .name(c.name() != null);
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putPartnerId(scratch, 0, utf8(c.partnerId()));
        e.putName(scratch, 0, utf8(c.name()));
        return e.encodedLength();
    }

    private Command decodePutPartner(final PutPartnerDecoder d)
    {
        final dev.loyalty.engine.sbe.PutPartnerPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasPartnerId = p.partnerId();
        final boolean hasName = p.name();
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String partnerId = hasPartnerId ? d.partnerId() : absent(d.skipPartnerId());
        final String name = hasName ? d.name() : absent(d.skipName());
        decodedLimit = d.limit();
        return new PutPartner(requestId, partnerId, name);
    }

    private int encodePutStore(final PutStore c, final MutableDirectBuffer buffer, final int offset)
    {
        final PutStoreEncoder e = putStoreEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .storeId(c.storeId() != null)
            .partnerId(c.partnerId() != null);
        e.channel(SbeEnums.toSbe(c.channel()));
        final PutStoreEncoder.AttributesEncoder attributes = e.attributesCount(c.attributes().size());
        for (final Map.Entry<String, String> entry : c.attributes().entrySet())
        {
            attributes.next();
            attributes.presence().clear().key(entry.getKey() != null).value(entry.getValue() != null);
            attributes.putKey(scratch, 0, utf8(entry.getKey()));
            attributes.putValue(scratch, 0, utf8(entry.getValue()));
        }
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putStoreId(scratch, 0, utf8(c.storeId()));
        e.putPartnerId(scratch, 0, utf8(c.partnerId()));
        return e.encodedLength();
    }

    private Command decodePutStore(final PutStoreDecoder d)
    {
        final dev.loyalty.engine.sbe.PutStorePresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasStoreId = p.storeId();
        final boolean hasPartnerId = p.partnerId();
        final dev.loyalty.engine.command.Channel channel = SbeEnums.fromSbe(d.channel());
        final PutStoreDecoder.AttributesDecoder attributes = d.attributes();
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0, n = attributes.count(); i < n; i++)
        {
            attributes.next();
            final boolean hasKey = attributes.presence().key();
            final boolean hasValue = attributes.presence().value();
            final String key = hasKey ? attributes.key() : absent(attributes.skipKey());
            final String value = hasValue ? attributes.value() : absent(attributes.skipValue());
            map.put(key, value);
        }
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String storeId = hasStoreId ? d.storeId() : absent(d.skipStoreId());
        final String partnerId = hasPartnerId ? d.partnerId() : absent(d.skipPartnerId());
        decodedLimit = d.limit();
        return new PutStore(requestId, storeId, partnerId, channel, map);
    }

    // ------------------------------------------------------------------------------------------------- promotions

    private int encodePutPromotion(final PutPromotion c, final MutableDirectBuffer buffer, final int offset)
    {
        final PromotionWhen w = c.when();
        final PromotionThen t = c.then();
        final PromotionLimits l = c.limits();
        final PutPromotionEncoder e = putPromotionEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .promotionId(c.promotionId() != null)
            .name(c.name() != null)
            .from(w.from() != null)
            .to(w.to() != null)
            .hours(w.hours() != null)
            .activity(w.activity() != null);
        e.enabled(SbeEnums.toSbe(c.enabled()))
            .stacking(SbeEnums.toSbe(c.stacking()))
            .coupon(SbeEnums.toSbe(w.coupon()))
            .firstPurchase(SbeEnums.toSbe(w.firstPurchase()))
            .priority(c.priority())
            .minTotal(w.minTotal())
            .birthdayWindowDays(w.birthdayWindowDays())
            .earnBp(t.earnBp())
            .earnPoints(t.earnPoints())
            .multiplierPct(t.multiplierPct())
            .discountBp(t.discountBp())
            .discountMinor(t.discountMinor())
            .maxPointsPerTx(l.maxPointsPerTx())
            .maxUsesPerMember(l.maxUsesPerMember())
            .budgetPoints(l.budgetPoints());
        final PutPromotionEncoder.ChannelsEncoder channels = e.channelsCount(w.channels().size());
        for (int i = 0, n = w.channels().size(); i < n; i++)
        {
            channels.next().channel(SbeEnums.toSbe(w.channels().get(i)));
        }
        final PutPromotionEncoder.StoresEncoder stores = e.storesCount(w.stores().size());
        for (int i = 0, n = w.stores().size(); i < n; i++)
        {
            stores.next().putValue(scratch, 0, utf8(w.stores().get(i)));
        }
        final PutPromotionEncoder.PartnersEncoder partners = e.partnersCount(w.partners().size());
        for (int i = 0, n = w.partners().size(); i < n; i++)
        {
            partners.next().putValue(scratch, 0, utf8(w.partners().get(i)));
        }
        final PutPromotionEncoder.StoreAttributesEncoder attributes =
            e.storeAttributesCount(w.storeAttributes().size());
        for (final Map.Entry<String, String> entry : w.storeAttributes().entrySet())
        {
            attributes.next();
            attributes.presence().clear().key(entry.getKey() != null).value(entry.getValue() != null);
            attributes.putKey(scratch, 0, utf8(entry.getKey()));
            attributes.putValue(scratch, 0, utf8(entry.getValue()));
        }
        final PutPromotionEncoder.PaymentEncoder payment = e.paymentCount(w.payment().size());
        for (int i = 0, n = w.payment().size(); i < n; i++)
        {
            payment.next().putValue(scratch, 0, utf8(w.payment().get(i)));
        }
        final PutPromotionEncoder.CategoriesEncoder categories = e.categoriesCount(w.categories().size());
        for (int i = 0, n = w.categories().size(); i < n; i++)
        {
            categories.next().putValue(scratch, 0, utf8(w.categories().get(i)));
        }
        final PutPromotionEncoder.SkusEncoder skus = e.skusCount(w.skus().size());
        for (int i = 0, n = w.skus().size(); i < n; i++)
        {
            skus.next().putValue(scratch, 0, utf8(w.skus().get(i)));
        }
        final PutPromotionEncoder.TiersEncoder tiers = e.tiersCount(w.tiers().size());
        for (int i = 0, n = w.tiers().size(); i < n; i++)
        {
            tiers.next().putValue(scratch, 0, utf8(w.tiers().get(i)));
        }
        final PutPromotionEncoder.SegmentsEncoder segments = e.segmentsCount(w.segments().size());
        for (int i = 0, n = w.segments().size(); i < n; i++)
        {
            segments.next().putValue(scratch, 0, utf8(w.segments().get(i)));
        }
        final PutPromotionEncoder.WeekdaysEncoder weekdays = e.weekdaysCount(w.weekdays().size());
        for (int i = 0, n = w.weekdays().size(); i < n; i++)
        {
            weekdays.next().putValue(scratch, 0, utf8(w.weekdays().get(i)));
        }
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putPromotionId(scratch, 0, utf8(c.promotionId()));
        e.putName(scratch, 0, utf8(c.name()));
        e.putFrom(scratch, 0, utf8(w.from()));
        e.putTo(scratch, 0, utf8(w.to()));
        e.putHours(scratch, 0, utf8(w.hours()));
        e.putActivity(scratch, 0, utf8(w.activity()));
        return e.encodedLength();
    }

    private Command decodePutPromotion(final PutPromotionDecoder d)
    {
        final dev.loyalty.engine.sbe.PutPromotionPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasPromotionId = p.promotionId();
        final boolean hasName = p.name();
        final boolean hasFrom = p.from();
        final boolean hasTo = p.to();
        final boolean hasHours = p.hours();
        final boolean hasActivity = p.activity();
        final boolean enabled = SbeEnums.fromSbe(d.enabled());
        final dev.loyalty.engine.command.Stacking stacking = SbeEnums.fromSbe(d.stacking());
        final boolean coupon = SbeEnums.fromSbe(d.coupon());
        final boolean firstPurchase = SbeEnums.fromSbe(d.firstPurchase());
        final long priority = d.priority();
        final long minTotal = d.minTotal();
        final long birthdayWindowDays = d.birthdayWindowDays();
        final PromotionThen then = new PromotionThen(
            d.earnBp(), d.earnPoints(), d.multiplierPct(), d.discountBp(), d.discountMinor());
        final PromotionLimits limits = new PromotionLimits(d.maxPointsPerTx(), d.maxUsesPerMember(), d.budgetPoints());
        final PutPromotionDecoder.ChannelsDecoder channelsDecoder = d.channels();
        final List<dev.loyalty.engine.command.Channel> channels = new ArrayList<>(channelsDecoder.count());
        for (int i = 0, n = channelsDecoder.count(); i < n; i++)
        {
            channels.add(SbeEnums.fromSbe(channelsDecoder.next().channel()));
        }
        final PutPromotionDecoder.StoresDecoder storesDecoder = d.stores();
        final List<String> stores = new ArrayList<>(storesDecoder.count());
        for (int i = 0, n = storesDecoder.count(); i < n; i++)
        {
            stores.add(storesDecoder.next().value());
        }
        final PutPromotionDecoder.PartnersDecoder partnersDecoder = d.partners();
        final List<String> partners = new ArrayList<>(partnersDecoder.count());
        for (int i = 0, n = partnersDecoder.count(); i < n; i++)
        {
            partners.add(partnersDecoder.next().value());
        }
        final PutPromotionDecoder.StoreAttributesDecoder attributes = d.storeAttributes();
        final Map<String, String> storeAttributes = new LinkedHashMap<>();
        for (int i = 0, n = attributes.count(); i < n; i++)
        {
            attributes.next();
            final boolean hasKey = attributes.presence().key();
            final boolean hasValue = attributes.presence().value();
            final String key = hasKey ? attributes.key() : absent(attributes.skipKey());
            final String value = hasValue ? attributes.value() : absent(attributes.skipValue());
            storeAttributes.put(key, value);
        }
        final PutPromotionDecoder.PaymentDecoder paymentDecoder = d.payment();
        final List<String> payment = new ArrayList<>(paymentDecoder.count());
        for (int i = 0, n = paymentDecoder.count(); i < n; i++)
        {
            payment.add(paymentDecoder.next().value());
        }
        final PutPromotionDecoder.CategoriesDecoder categoriesDecoder = d.categories();
        final List<String> categories = new ArrayList<>(categoriesDecoder.count());
        for (int i = 0, n = categoriesDecoder.count(); i < n; i++)
        {
            categories.add(categoriesDecoder.next().value());
        }
        final PutPromotionDecoder.SkusDecoder skusDecoder = d.skus();
        final List<String> skus = new ArrayList<>(skusDecoder.count());
        for (int i = 0, n = skusDecoder.count(); i < n; i++)
        {
            skus.add(skusDecoder.next().value());
        }
        final PutPromotionDecoder.TiersDecoder tiersDecoder = d.tiers();
        final List<String> tiers = new ArrayList<>(tiersDecoder.count());
        for (int i = 0, n = tiersDecoder.count(); i < n; i++)
        {
            tiers.add(tiersDecoder.next().value());
        }
        final PutPromotionDecoder.SegmentsDecoder segmentsDecoder = d.segments();
        final List<String> segments = new ArrayList<>(segmentsDecoder.count());
        for (int i = 0, n = segmentsDecoder.count(); i < n; i++)
        {
            segments.add(segmentsDecoder.next().value());
        }
        final PutPromotionDecoder.WeekdaysDecoder weekdaysDecoder = d.weekdays();
        final List<String> weekdays = new ArrayList<>(weekdaysDecoder.count());
        for (int i = 0, n = weekdaysDecoder.count(); i < n; i++)
        {
            weekdays.add(weekdaysDecoder.next().value());
        }
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String promotionId = hasPromotionId ? d.promotionId() : absent(d.skipPromotionId());
        final String name = hasName ? d.name() : absent(d.skipName());
        final String from = hasFrom ? d.from() : absent(d.skipFrom());
        final String to = hasTo ? d.to() : absent(d.skipTo());
        final String hours = hasHours ? d.hours() : absent(d.skipHours());
        final String activity = hasActivity ? d.activity() : absent(d.skipActivity());
        decodedLimit = d.limit();
        final PromotionWhen when = new PromotionWhen(
            channels, stores, partners, storeAttributes, payment, categories, skus, tiers, segments, coupon, minTotal,
            from, to, weekdays, hours, birthdayWindowDays, firstPurchase, activity);
        return new PutPromotion(requestId, promotionId, name, enabled, priority, stacking, when, then, limits);
    }

    private int encodeCreateCoupons(final CreateCoupons c, final MutableDirectBuffer buffer, final int offset)
    {
        final CreateCouponsEncoder e = createCouponsEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear().requestId(c.requestId() != null).promotionId(c.promotionId() != null);
        e.generated(SbeEnums.toSbe(c.generated())).usesPerCode(c.usesPerCode());
        final List<String> codes = c.codes();
        final CreateCouponsEncoder.CodesEncoder codesEncoder = e.codesCount(codes.size());
        for (int i = 0, n = codes.size(); i < n; i++)
        {
            codesEncoder.next().putCode(scratch, 0, utf8(codes.get(i)));
        }
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putPromotionId(scratch, 0, utf8(c.promotionId()));
        return e.encodedLength();
    }

    private Command decodeCreateCoupons(final CreateCouponsDecoder d)
    {
        final boolean hasRequestId = d.presence().requestId();
        final boolean hasPromotionId = d.presence().promotionId();
        final boolean generated = SbeEnums.fromSbe(d.generated());
        final long usesPerCode = d.usesPerCode();
        final CreateCouponsDecoder.CodesDecoder codesDecoder = d.codes();
        final List<String> codes = new ArrayList<>(codesDecoder.count());
        for (int i = 0, n = codesDecoder.count(); i < n; i++)
        {
            codes.add(codesDecoder.next().code());
        }
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String promotionId = hasPromotionId ? d.promotionId() : absent(d.skipPromotionId());
        decodedLimit = d.limit();
        return new CreateCoupons(requestId, promotionId, codes, generated, usesPerCode);
    }

    // ------------------------------------------------------------------------------------------------- activities

    private int encodeRecordActivity(final RecordActivity c, final MutableDirectBuffer buffer, final int offset)
    {
        final RecordActivityEncoder e = recordActivityEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .scopePartnerId(c.scopePartnerId() != null)
            .activityType(c.activityType() != null)
            .storeId(c.storeId() != null)
            .occurredAt(c.occurredAt() != null);
        e.memberRefKind(memberRefKind(c.member())).memberIdentifierType(memberIdentifierType(c.member()));
        final RecordActivityEncoder.AttributesEncoder attributes = e.attributesCount(c.attributes().size());
        for (final Map.Entry<String, String> entry : c.attributes().entrySet())
        {
            attributes.next();
            attributes.presence().clear().key(entry.getKey() != null).value(entry.getValue() != null);
            attributes.putKey(scratch, 0, utf8(entry.getKey()));
            attributes.putValue(scratch, 0, utf8(entry.getValue()));
        }
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putScopePartnerId(scratch, 0, utf8(c.scopePartnerId()));
        e.putMemberRef(scratch, 0, utf8(memberRefValue(c.member())));
        e.putActivityType(scratch, 0, utf8(c.activityType()));
        e.putStoreId(scratch, 0, utf8(c.storeId()));
        e.putOccurredAt(scratch, 0, utf8(c.occurredAt()));
        return e.encodedLength();
    }

    private Command decodeRecordActivity(final RecordActivityDecoder d)
    {
        final dev.loyalty.engine.sbe.RecordActivityPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasScopePartnerId = p.scopePartnerId();
        final boolean hasType = p.activityType();
        final boolean hasStoreId = p.storeId();
        final boolean hasOccurredAt = p.occurredAt();
        final MemberRefKind kind = d.memberRefKind();
        final dev.loyalty.engine.sbe.IdentifierType identifierType = d.memberIdentifierType();
        final RecordActivityDecoder.AttributesDecoder attributes = d.attributes();
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0, n = attributes.count(); i < n; i++)
        {
            attributes.next();
            final boolean hasKey = attributes.presence().key();
            final boolean hasValue = attributes.presence().value();
            final String key = hasKey ? attributes.key() : absent(attributes.skipKey());
            final String value = hasValue ? attributes.value() : absent(attributes.skipValue());
            map.put(key, value);
        }
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String scopePartnerId = hasScopePartnerId ? d.scopePartnerId() : absent(d.skipScopePartnerId());
        final String memberRef = d.memberRef();
        final String type = hasType ? d.activityType() : absent(d.skipActivityType());
        final String storeId = hasStoreId ? d.storeId() : absent(d.skipStoreId());
        final String occurredAt = hasOccurredAt ? d.occurredAt() : absent(d.skipOccurredAt());
        decodedLimit = d.limit();
        return new RecordActivity(
            requestId, scopePartnerId, memberRef(kind, identifierType, memberRef), type, storeId, occurredAt, map);
    }

    // ---------------------------------------------------------------------------------------------------- members

    private int encodeCreateMember(final CreateMember c, final MutableDirectBuffer buffer, final int offset)
    {
        final CreateMemberEncoder e = createMemberEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .scopePartnerId(c.scopePartnerId() != null)
            .birthday(c.birthday() != null)
            .referrerCode(c.referrerCode() != null);
        final List<Identifier> identifiers = c.identifiers();
        final CreateMemberEncoder.IdentifiersEncoder ids = e.identifiersCount(identifiers.size());
        for (int i = 0, n = identifiers.size(); i < n; i++)
        {
            final Identifier identifier = identifiers.get(i);
            ids.next().identifierType(SbeEnums.toSbe(identifier.type()));
            ids.putValue(scratch, 0, utf8(identifier.value()));
        }
        final CreateMemberEncoder.AttributesEncoder attributes = e.attributesCount(c.attributes().size());
        for (final Map.Entry<String, String> entry : c.attributes().entrySet())
        {
            attributes.next();
            attributes.presence().clear().key(entry.getKey() != null).value(entry.getValue() != null);
            attributes.putKey(scratch, 0, utf8(entry.getKey()));
            attributes.putValue(scratch, 0, utf8(entry.getValue()));
        }
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putScopePartnerId(scratch, 0, utf8(c.scopePartnerId()));
        e.putBirthday(scratch, 0, utf8(c.birthday()));
        e.putReferrerCode(scratch, 0, utf8(c.referrerCode()));
        return e.encodedLength();
    }

    private Command decodeCreateMember(final CreateMemberDecoder d)
    {
        final dev.loyalty.engine.sbe.CreateMemberPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasScopePartnerId = p.scopePartnerId();
        final boolean hasBirthday = p.birthday();
        final boolean hasReferrerCode = p.referrerCode();
        final CreateMemberDecoder.IdentifiersDecoder ids = d.identifiers();
        final List<Identifier> identifiers = new ArrayList<>(ids.count());
        for (int i = 0, n = ids.count(); i < n; i++)
        {
            ids.next();
            final dev.loyalty.engine.command.IdentifierType type = SbeEnums.fromSbe(ids.identifierType());
            identifiers.add(new Identifier(type, ids.value()));
        }
        final CreateMemberDecoder.AttributesDecoder attributes = d.attributes();
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0, n = attributes.count(); i < n; i++)
        {
            attributes.next();
            final boolean hasKey = attributes.presence().key();
            final boolean hasValue = attributes.presence().value();
            final String key;
            if (hasKey)
            {
                attributes.wrapKey(sharedView);
                key = sharedView();
            }
            else
            {
                key = absent(attributes.skipKey());
            }
            final String value;
            if (hasValue)
            {
                attributes.wrapValue(sharedView);
                value = sharedView();
            }
            else
            {
                value = absent(attributes.skipValue());
            }
            map.put(key, value);
        }
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String scopePartnerId = hasScopePartnerId ? d.scopePartnerId() : absent(d.skipScopePartnerId());
        final String birthday = hasBirthday ? d.birthday() : absent(d.skipBirthday());
        final String referrerCode = hasReferrerCode ? d.referrerCode() : absent(d.skipReferrerCode());
        decodedLimit = d.limit();
        return new CreateMember(requestId, scopePartnerId, identifiers, birthday, referrerCode, map);
    }

    private int encodeAddIdentifier(final AddIdentifier c, final MutableDirectBuffer buffer, final int offset)
    {
        final AddIdentifierEncoder e = addIdentifierEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .scopePartnerId(c.scopePartnerId() != null)
            .memberId(c.memberId() != null);
        final Identifier identifier = c.identifier();
        e.identifierType(identifier == null ?
            dev.loyalty.engine.sbe.IdentifierType.NULL_VAL : SbeEnums.toSbe(identifier.type()));
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putScopePartnerId(scratch, 0, utf8(c.scopePartnerId()));
        e.putMemberId(scratch, 0, utf8(c.memberId()));
        e.putIdentifierValue(scratch, 0, utf8(identifier == null ? null : identifier.value()));
        return e.encodedLength();
    }

    private Command decodeAddIdentifier(final AddIdentifierDecoder d)
    {
        final dev.loyalty.engine.sbe.AddIdentifierPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasScopePartnerId = p.scopePartnerId();
        final boolean hasMemberId = p.memberId();
        final dev.loyalty.engine.sbe.IdentifierType type = d.identifierType();
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String scopePartnerId = hasScopePartnerId ? d.scopePartnerId() : absent(d.skipScopePartnerId());
        final String memberId = hasMemberId ? d.memberId() : absent(d.skipMemberId());
        final Identifier identifier = type == dev.loyalty.engine.sbe.IdentifierType.NULL_VAL ?
            absentIdentifier(d.skipIdentifierValue()) : new Identifier(SbeEnums.fromSbe(type), d.identifierValue());
        decodedLimit = d.limit();
        return new AddIdentifier(requestId, scopePartnerId, memberId, identifier);
    }

    private static Identifier absentIdentifier(final int skippedLength)
    {
        return null;
    }

    private int encodeMergeMembers(final MergeMembers c, final MutableDirectBuffer buffer, final int offset)
    {
        final MergeMembersEncoder e = mergeMembersEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .targetMemberId(c.targetMemberId() != null)
            .sourceMemberId(c.sourceMemberId() != null);
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putTargetMemberId(scratch, 0, utf8(c.targetMemberId()));
        e.putSourceMemberId(scratch, 0, utf8(c.sourceMemberId()));
        return e.encodedLength();
    }

    private Command decodeMergeMembers(final MergeMembersDecoder d)
    {
        final dev.loyalty.engine.sbe.MergeMembersPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasTarget = p.targetMemberId();
        final boolean hasSource = p.sourceMemberId();
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String target = hasTarget ? d.targetMemberId() : absent(d.skipTargetMemberId());
        final String source = hasSource ? d.sourceMemberId() : absent(d.skipSourceMemberId());
        decodedLimit = d.limit();
        return new MergeMembers(requestId, target, source);
    }

    private int encodeAdjustPoints(final AdjustPoints c, final MutableDirectBuffer buffer, final int offset)
    {
        final AdjustPointsEncoder e = adjustPointsEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .memberId(c.memberId() != null)
            .reason(c.reason() != null);
        e.points(c.points());
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putMemberId(scratch, 0, utf8(c.memberId()));
        e.putReason(scratch, 0, utf8(c.reason()));
        return e.encodedLength();
    }

    private Command decodeAdjustPoints(final AdjustPointsDecoder d)
    {
        final dev.loyalty.engine.sbe.AdjustPointsPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasMemberId = p.memberId();
        final boolean hasReason = p.reason();
        final long points = d.points();
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String memberId = hasMemberId ? d.memberId() : absent(d.skipMemberId());
        final String reason = hasReason ? d.reason() : absent(d.skipReason());
        decodedLimit = d.limit();
        return new AdjustPoints(requestId, memberId, points, reason);
    }

    // -------------------------------------------------------------------------------------------------- purchases

    /**
     * {@code OneShot} has {@code Authorize}'s layout, field for field (the generated codecs differ only in the
     * template id), so both are written and read through the {@code Authorize} flyweights; the header's template id
     * tells them apart.
     */
    private int encodeAuthorize(final Authorize c, final MutableDirectBuffer buffer, final int offset)
    {
        return encodePurchase(c.scopePartnerId(), requireRequest(c.request(), c), buffer, offset);
    }

    private int encodeOneShot(final OneShot c, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = encodePurchase(c.scopePartnerId(), requireRequest(c.request(), c), buffer, offset);
        headerEncoder.wrap(buffer, offset).templateId(OneShotEncoder.TEMPLATE_ID);
        return length;
    }

    /** Writes an {@code Authorize} message (header included) at {@code offset}; returns the body's length. */
    private int encodePurchase(
        final String scopePartnerId, final PurchaseRequest r, final MutableDirectBuffer buffer, final int offset)
    {
        final AuthorizeEncoder e = authorizeEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .scopePartnerId(scopePartnerId != null)
            .txId(r.txId() != null)
            .storeId(r.storeId() != null)
            .occurredAt(r.occurredAt() != null)
            .payment(r.payment() != null);
        e.memberRefKind(memberRefKind(r.member()))
            .memberIdentifierType(memberIdentifierType(r.member()))
            .redeemPoints(r.redeemPoints())
            .redeemMax(SbeEnums.toSbe(r.redeemMax()));
        final List<Line> lines = r.lines();
        final AuthorizeEncoder.LinesEncoder linesEncoder = e.linesCount(lines.size());
        for (int i = 0, n = lines.size(); i < n; i++)
        {
            final Line line = lines.get(i);
            linesEncoder.next();
            linesEncoder.presence().clear().sku(line.sku() != null).category(line.category() != null);
            linesEncoder.qty(line.qty()).unitPrice(line.unitPrice());
            linesEncoder.putSku(scratch, 0, utf8(line.sku()));
            linesEncoder.putCategory(scratch, 0, utf8(line.category()));
        }
        final List<String> coupons = r.coupons();
        final AuthorizeEncoder.CouponsEncoder couponsEncoder = e.couponsCount(coupons.size());
        for (int i = 0, n = coupons.size(); i < n; i++)
        {
            couponsEncoder.next().putCode(scratch, 0, utf8(coupons.get(i)));
        }
        e.putScopePartnerId(scratch, 0, utf8(scopePartnerId));
        e.putTxId(scratch, 0, utf8(r.txId()));
        e.putStoreId(scratch, 0, utf8(r.storeId()));
        e.putMemberRef(scratch, 0, utf8(memberRefValue(r.member())));
        e.putOccurredAt(scratch, 0, utf8(r.occurredAt()));
        e.putPayment(scratch, 0, utf8(r.payment()));
        return e.encodedLength();
    }

    /** The string {@link #sharedView} was just wrapped around, shared ({@link SharedStrings}). */
    private String sharedView()
    {
        return shared.of(sharedView, 0, sharedView.capacity());
    }

    /** Reads an {@code Authorize} or {@code OneShot} message (see {@link #encodeAuthorize}). */
    private Command decodePurchase(final AuthorizeDecoder d, final boolean oneShot)
    {
        final dev.loyalty.engine.sbe.PurchasePresenceDecoder p = d.presence();
        final boolean hasScopePartnerId = p.scopePartnerId();
        final boolean hasTxId = p.txId();
        final boolean hasStoreId = p.storeId();
        final boolean hasOccurredAt = p.occurredAt();
        final boolean hasPayment = p.payment();
        final MemberRefKind kind = d.memberRefKind();
        final dev.loyalty.engine.sbe.IdentifierType identifierType = d.memberIdentifierType();
        final long redeemPoints = d.redeemPoints();
        final boolean redeemMax = SbeEnums.fromSbe(d.redeemMax());
        final AuthorizeDecoder.LinesDecoder linesDecoder = d.lines();
        final List<Line> lines = new ArrayList<>(linesDecoder.count());
        for (int i = 0, n = linesDecoder.count(); i < n; i++)
        {
            linesDecoder.next();
            final boolean hasSku = linesDecoder.presence().sku();
            final boolean hasCategory = linesDecoder.presence().category();
            final long qty = linesDecoder.qty();
            final long unitPrice = linesDecoder.unitPrice();
            final String sku;
            if (hasSku)
            {
                linesDecoder.wrapSku(sharedView);
                sku = sharedView();
            }
            else
            {
                sku = absent(linesDecoder.skipSku());
            }
            final String category;
            if (hasCategory)
            {
                linesDecoder.wrapCategory(sharedView);
                category = sharedView();
            }
            else
            {
                category = absent(linesDecoder.skipCategory());
            }
            lines.add(new Line(sku, category, qty, unitPrice));
        }
        final AuthorizeDecoder.CouponsDecoder couponsDecoder = d.coupons();
        final List<String> coupons = new ArrayList<>(couponsDecoder.count());
        for (int i = 0, n = couponsDecoder.count(); i < n; i++)
        {
            coupons.add(couponsDecoder.next().code());
        }
        final String scopePartnerId = hasScopePartnerId ? d.scopePartnerId() : absent(d.skipScopePartnerId());
        final String txId = hasTxId ? d.txId() : absent(d.skipTxId());
        final String storeId;
        if (hasStoreId)
        {
            d.wrapStoreId(sharedView);
            storeId = sharedView();
        }
        else
        {
            storeId = absent(d.skipStoreId());
        }
        final String memberRef = d.memberRef();
        final String occurredAt = hasOccurredAt ? d.occurredAt() : absent(d.skipOccurredAt());
        final String payment;
        if (hasPayment)
        {
            d.wrapPayment(sharedView);
            payment = sharedView();
        }
        else
        {
            payment = absent(d.skipPayment());
        }
        decodedLimit = d.limit();
        final PurchaseRequest request = new PurchaseRequest(
            txId, storeId, memberRef(kind, identifierType, memberRef), occurredAt, payment, lines, redeemPoints,
            redeemMax, coupons);
        return oneShot ? new OneShot(scopePartnerId, request) : new Authorize(scopePartnerId, request);
    }

    private int encodeCapture(final Capture c, final MutableDirectBuffer buffer, final int offset)
    {
        final CaptureEncoder e = captureEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear().scopePartnerId(c.scopePartnerId() != null).txId(c.txId() != null);
        e.putScopePartnerId(scratch, 0, utf8(c.scopePartnerId()));
        e.putTxId(scratch, 0, utf8(c.txId()));
        return e.encodedLength();
    }

    private Command decodeCapture(final CaptureDecoder d)
    {
        final boolean hasScopePartnerId = d.presence().scopePartnerId();
        final boolean hasTxId = d.presence().txId();
        final String scopePartnerId = hasScopePartnerId ? d.scopePartnerId() : absent(d.skipScopePartnerId());
        final String txId = hasTxId ? d.txId() : absent(d.skipTxId());
        decodedLimit = d.limit();
        return new Capture(scopePartnerId, txId);
    }

    private int encodeVoid(final VoidPurchase c, final MutableDirectBuffer buffer, final int offset)
    {
        final VoidPurchaseEncoder e = voidPurchaseEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear().scopePartnerId(c.scopePartnerId() != null).txId(c.txId() != null);
        e.putScopePartnerId(scratch, 0, utf8(c.scopePartnerId()));
        e.putTxId(scratch, 0, utf8(c.txId()));
        return e.encodedLength();
    }

    private Command decodeVoid(final VoidPurchaseDecoder d)
    {
        final boolean hasScopePartnerId = d.presence().scopePartnerId();
        final boolean hasTxId = d.presence().txId();
        final String scopePartnerId = hasScopePartnerId ? d.scopePartnerId() : absent(d.skipScopePartnerId());
        final String txId = hasTxId ? d.txId() : absent(d.skipTxId());
        decodedLimit = d.limit();
        return new VoidPurchase(scopePartnerId, txId);
    }

    private int encodeRefund(final Refund c, final MutableDirectBuffer buffer, final int offset)
    {
        final RefundEncoder e = refundEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .scopePartnerId(c.scopePartnerId() != null)
            .txId(c.txId() != null)
            .refundId(c.refundId() != null);
        e.amount(c.amount());
        final List<RefundLine> lines = c.lines();
        final RefundEncoder.LinesEncoder linesEncoder = e.linesCount(lines.size());
        for (int i = 0, n = lines.size(); i < n; i++)
        {
            final RefundLine line = lines.get(i);
            linesEncoder.next();
            linesEncoder.presence().clear().sku(line.sku() != null);
            linesEncoder.qty(line.qty());
            linesEncoder.putSku(scratch, 0, utf8(line.sku()));
        }
        e.putScopePartnerId(scratch, 0, utf8(c.scopePartnerId()));
        e.putTxId(scratch, 0, utf8(c.txId()));
        e.putRefundId(scratch, 0, utf8(c.refundId()));
        return e.encodedLength();
    }

    private Command decodeRefund(final RefundDecoder d)
    {
        final dev.loyalty.engine.sbe.RefundPresenceDecoder p = d.presence();
        final boolean hasScopePartnerId = p.scopePartnerId();
        final boolean hasTxId = p.txId();
        final boolean hasRefundId = p.refundId();
        final long amount = d.amount();
        final RefundDecoder.LinesDecoder linesDecoder = d.lines();
        final List<RefundLine> lines = new ArrayList<>(linesDecoder.count());
        for (int i = 0, n = linesDecoder.count(); i < n; i++)
        {
            linesDecoder.next();
            final boolean hasSku = linesDecoder.presence().sku();
            final long qty = linesDecoder.qty();
            final String sku = hasSku ? linesDecoder.sku() : absent(linesDecoder.skipSku());
            lines.add(new RefundLine(sku, qty));
        }
        final String scopePartnerId = hasScopePartnerId ? d.scopePartnerId() : absent(d.skipScopePartnerId());
        final String txId = hasTxId ? d.txId() : absent(d.skipTxId());
        final String refundId = hasRefundId ? d.refundId() : absent(d.skipRefundId());
        decodedLimit = d.limit();
        return new Refund(scopePartnerId, txId, refundId, lines, amount);
    }

    // ------------------------------------------------------------------------------------------------------- keys

    private int encodeCreateKey(final CreateKey c, final MutableDirectBuffer buffer, final int offset)
    {
        final CreateKeyEncoder e = createKeyEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .keyId(c.keyId() != null)
            .partnerId(c.partnerId() != null)
            .secretSha256Hex(c.secretSha256Hex() != null);
        e.role(SbeEnums.toSbe(c.role()));
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putKeyId(scratch, 0, utf8(c.keyId()));
        e.putPartnerId(scratch, 0, utf8(c.partnerId()));
        e.putSecretSha256Hex(scratch, 0, utf8(c.secretSha256Hex()));
        return e.encodedLength();
    }

    private Command decodeCreateKey(final CreateKeyDecoder d)
    {
        final dev.loyalty.engine.sbe.CreateKeyPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasKeyId = p.keyId();
        final boolean hasPartnerId = p.partnerId();
        final boolean hasSecret = p.secretSha256Hex();
        final dev.loyalty.engine.command.KeyRole role = SbeEnums.fromSbe(d.role());
        final String requestId = hasRequestId ? d.requestId() : absent(d.skipRequestId());
        final String keyId = hasKeyId ? d.keyId() : absent(d.skipKeyId());
        final String partnerId = hasPartnerId ? d.partnerId() : absent(d.skipPartnerId());
        final String secret = hasSecret ? d.secretSha256Hex() : absent(d.skipSecretSha256Hex());
        decodedLimit = d.limit();
        return new CreateKey(requestId, keyId, role, partnerId, secret);
    }

    private int encodeRevokeKey(final RevokeKey c, final MutableDirectBuffer buffer, final int offset)
    {
        final RevokeKeyEncoder e = revokeKeyEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear().keyId(c.keyId() != null);
        e.putKeyId(scratch, 0, utf8(c.keyId()));
        return e.encodedLength();
    }

    private Command decodeRevokeKey(final RevokeKeyDecoder d)
    {
        final String keyId = d.presence().keyId() ? d.keyId() : absent(d.skipKeyId());
        decodedLimit = d.limit();
        return new RevokeKey(keyId);
    }

    private Command decodeTick(final TickDecoder d)
    {
        decodedLimit = d.limit();
        return new Tick();
    }
}
