package io.budgetwatch.common.security;

import java.util.Set;

/** The realm roles of the suite (Keycloak realm {@code budgetwatch}, claim {@code realm_access.roles}). */
public final class Roles {

    /** The treasury's machine client: posts payments, nothing else. */
    public static final String TREASURY = "treasury";
    /** 预算单位 staff: import goal documents, adjust budgets, report indicator actuals (own agencies). */
    public static final String PLANNER = "planner";
    /** 预算单位 manager: reads everything of its agencies, acknowledges alerts. */
    public static final String MANAGER = "manager";
    /** 财政局: reads everything of the agencies in its claim, or of all. */
    public static final String SUPERVISOR = "supervisor";
    /** Reads everything in scope and the audit trail; changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Settings, webhooks, re-evaluation, read-model rebuild, consumer pause/resume. */
    public static final String ADMIN = "admin";

    /** Roles bound to the agencies of their claim: a token with one of them must carry
     * agency_codes, unless it also has a role of {@link #ALL_AGENCIES_WITHOUT_CLAIM}. */
    public static final Set<String> AGENCY_BOUND = Set.of(PLANNER, MANAGER);

    /** The suite's roles (a token carries others too: Keycloak's default-roles-…, offline_access, …). */
    public static final Set<String> SUITE = Set.of(TREASURY, PLANNER, MANAGER, SUPERVISOR, AUDITOR, ADMIN);

    /** Roles that see every agency when their token carries no agency_codes. */
    public static final Set<String> ALL_AGENCIES_WITHOUT_CLAIM = Set.of(SUPERVISOR, AUDITOR, ADMIN);

    private Roles() {
    }
}
