package dev.loyalty.engine.command;

/**
 * Every command the engine accepts. The {@code templateId} is the SBE message id of the command's journal
 * record; it never changes once released. {@code journaled} commands change state: the journaler appends
 * them and replay applies them again. Reads travel the ring for ordering but are never journaled and never
 * change state (not even the engine clock).
 */
public enum CommandType
{
    SET_PROGRAM(10, true),
    PUT_PARTNER(11, true),
    PUT_STORE(12, true),
    PUT_PROMOTION(13, true),
    CREATE_COUPONS(14, true),
    CREATE_MEMBER(20, true),
    ADD_IDENTIFIER(21, true),
    MERGE_MEMBERS(22, true),
    ADJUST_POINTS(23, true),
    AUTHORIZE(30, true),
    CAPTURE(31, true),
    VOID(32, true),
    ONE_SHOT(33, true),
    REFUND(34, true),
    RECORD_ACTIVITY(35, true),
    CREATE_KEY(40, true),
    REVOKE_KEY(41, true),
    TICK(50, true),
    PUT_TIERS(60, true),
    PUT_ACHIEVEMENT(61, true),
    PUT_LEADERBOARD(62, true),

    GET_MEMBER(100, false),
    GET_LEDGER(101, false),
    GET_PURCHASE(102, false),
    CALCULATE(103, false),
    GET_PROGRAM(104, false),
    GET_PARTNER(105, false),
    GET_STORE(106, false),
    GET_PROMOTION(107, false),
    LIST_PROMOTIONS(108, false),
    GET_TIERS(120, false),
    GET_ACHIEVEMENT(121, false),
    LIST_ACHIEVEMENTS(122, false),
    GET_MEMBER_ACHIEVEMENTS(123, false),
    GET_LEADERBOARD(124, false),
    GET_LEADERBOARD_MEMBER(125, false);

    private final int templateId;
    private final boolean journaled;

    CommandType(final int templateId, final boolean journaled)
    {
        this.templateId = templateId;
        this.journaled = journaled;
    }

    /** The SBE template id of this command's journal record. */
    public int templateId()
    {
        return templateId;
    }

    /** True when the command can change state and therefore goes into the journal. */
    public boolean journaled()
    {
        return journaled;
    }
}
