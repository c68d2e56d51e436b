package io.budgetwatch.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who is calling, as the verified token says: subject, name, realm roles and the agencies in scope.
 * {@code agencies} is null when the caller sees every agency (a supervisor, auditor or administrator
 * whose token names none). Pure: the agency wall's decisions live here, tested alone. A class, not a
 * record, because the current request's caller is a request-scoped bean (a proxy subclasses it).
 */
public class Caller {

    private final String subject;
    private final String name;
    private final Set<String> roles;
    private final SortedSet<String> agencies;
    private final String address;
    private final String userAgent;

    public Caller(String subject, String name, Set<String> roles, SortedSet<String> agencies, String address,
                  String userAgent) {
        this.subject = subject;
        this.name = name;
        this.roles = roles;
        this.agencies = agencies;
        this.address = address;
        this.userAgent = userAgent;
    }

    /** For the request-scoped proxy only. */
    protected Caller() {
        this(null, null, Set.of(), new TreeSet<>(), null, null);
    }

    public String subject() {
        return subject;
    }

    public String name() {
        return name;
    }

    public Set<String> roles() {
        return roles;
    }

    /** The agencies in scope; null for all. */
    public SortedSet<String> agencies() {
        return agencies;
    }

    public String address() {
        return address;
    }

    public String userAgent() {
        return userAgent;
    }

    /**
     * A plain copy of this caller. The request's caller is a request-scoped proxy that answers only while
     * the request context is active on the current thread; work handed to a worker thread or a later
     * stage takes the copy.
     */
    public Caller snapshot() {
        return new Caller(subject(), name(), roles(), agencies(), address(), userAgent());
    }

    /** The caller of work no user started (a consumer, the scheduler). */
    public static Caller system(String name) {
        return new Caller("system:" + name, name, Set.of(), null, null, null);
    }

    /**
     * The agencies a token gives: those of its claim; all (null) for a role that sees every agency
     * when the claim is absent; none otherwise.
     */
    public static SortedSet<String> scope(Set<String> roles, List<String> agencyClaim) {
        if (agencyClaim != null) {
            return new TreeSet<>(agencyClaim);
        }
        for (String role : roles) {
            if (Roles.ALL_AGENCIES_WITHOUT_CLAIM.contains(role)) {
                return null;
            }
        }
        return new TreeSet<>();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Collection<String> wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean seesAllAgencies() {
        return agencies == null;
    }

    /** Whether the thing of {@code agencyCode} is in the caller's scope. */
    public boolean sees(String agencyCode) {
        return agencies == null || (agencyCode != null && agencies.contains(agencyCode));
    }

    /**
     * The agency a listing is about: the one asked for (refused when out of scope: the caller knows the
     * code, so a 403 leaks nothing), else the caller's only agency, else null (every agency in scope,
     * the listing filters with {@link #agencyFilter()}).
     */
    public String agencyFor(String requested) {
        if (requested != null) {
            if (!sees(requested)) {
                throw AccessProblems.agencyForbidden(requested);
            }
            return requested;
        }
        return agencies != null && agencies.size() == 1 ? agencies.first() : null;
    }

    /** The agencies a listing may show: null for all, else the caller's (possibly none). */
    public Set<String> agencyFilter() {
        return agencies;
    }
}
