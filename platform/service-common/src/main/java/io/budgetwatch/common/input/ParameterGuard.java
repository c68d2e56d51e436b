package io.budgetwatch.common.input;

import io.budgetwatch.common.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every path and query value of every REST operation of every service is checked here, where it enters,
 * before the framework converts it and before the resource method runs:
 * <ol>
 *   <li>strict percent-decoding as UTF-8 ({@code invalid-encoding}: a bad '%' escape, raw non-ASCII, bytes
 *   that are not UTF-8, an encoded unpaired surrogate);</li>
 *   <li>{@link SafeText.Policy#PARAMETER}: no NUL, no other control character, no unpaired surrogate
 *   ({@code invalid-character} / {@code invalid-encoding});</li>
 *   <li>at most {@link SafeText#MAX_PARAMETER_LENGTH} characters ({@code too-long});</li>
 *   <li>the format the {@link ParameterRules registry} gives the parameter's name, else its declared type.</li>
 * </ol>
 * A refused query value answers 400, a refused path value 404 (no resource can have that name); both are
 * problem+json naming the parameter in {@code field}. Pure computation on the event loop: nothing blocks.
 */
public class ParameterGuard {

    /** A path or query parameter the matched resource method declares. */
    record Declared(String name, boolean path, Class<?> type) {
    }

    /** A path value that is refused names nothing that can exist. */
    static final int PATH_STATUS = 404;
    static final int QUERY_STATUS = 400;

    private final Map<String, List<Declared>> declaredByMethod = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 500)
    public void guard(ResteasyReactiveContainerRequestContext context, HttpServerRequest request) {
        ResteasyReactiveRequestContext rr = (ResteasyReactiveRequestContext) context.getServerRequestContext();
        ResteasyReactiveResourceInfo info = rr.getResteasyReactiveResourceInfo();
        List<Declared> declared = info == null ? List.of()
                : declaredByMethod.computeIfAbsent(info.getMethodId(), id -> declared(info));
        if (rr.getTarget() != null) {
            for (String name : rr.getTarget().getPathParameterIndexes().keySet()) {
                String raw = rr.getPathParameter(name, true);
                if (raw != null) {
                    check(name, UriText.decode(raw, false, name, PATH_STATUS), true, declared);
                }
            }
        }
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            // Split where the HTTP layer may split ('&', and ';' in some configurations): every piece is checked.
            for (String piece : query.split("[&;]")) {
                if (piece.isEmpty()) {
                    continue;
                }
                int eq = piece.indexOf('=');
                String rawName = eq < 0 ? piece : piece.substring(0, eq);
                String name = UriText.decode(rawName, true, printable(rawName), QUERY_STATUS);
                checkGeneral(name, printable(name), QUERY_STATUS);
                String value = eq < 0 ? "" : UriText.decode(piece.substring(eq + 1), true, name, QUERY_STATUS);
                check(name, value, false, declared);
            }
        }
    }

    private static void check(String name, String value, boolean path, List<Declared> declared) {
        int status = path ? PATH_STATUS : QUERY_STATUS;
        checkGeneral(value, name, status);
        ParameterRules.Format byName = ParameterRules.byName(name);
        if (byName != null) {
            byName.check(value, name, status);
        }
        for (Declared d : declared) {
            if (d.path() == path && (path ? d.name().equals(name) : d.name().equalsIgnoreCase(name))) {
                ParameterRules.Format byType = ParameterRules.byType(d.type());
                if (byType != null) {
                    byType.check(value, name, status);
                }
            }
        }
    }

    private static void checkGeneral(String value, String field, int status) {
        SafeText.Finding finding = SafeText.check(value, SafeText.Policy.PARAMETER);
        if (finding != null) {
            throw finding.problem(status, field);
        }
        if (value.length() > SafeText.MAX_PARAMETER_LENGTH) {
            throw new ProblemException(status, "too-long", field,
                    field + " 超过 " + SafeText.MAX_PARAMETER_LENGTH + " 个字符",
                    field + " is longer than " + SafeText.MAX_PARAMETER_LENGTH + " characters", null,
                    Map.of("maxLength", SafeText.MAX_PARAMETER_LENGTH));
        }
    }

    /** A parameter name fit to be named in a problem: bounded, controls shown as '?'. */
    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 64; i++) {
            char c = name.charAt(i);
            b.append(c < 0x20 || c == 0x7F || Character.isSurrogate(c) ? '?' : c);
        }
        return b.toString();
    }

    private static List<Declared> declared(ResteasyReactiveResourceInfo info) {
        Class<?>[] types = info.getParameterTypes();
        Method method = info.getMethod();
        Type[] generic = method == null ? null : method.getGenericParameterTypes();
        List<Declared> list = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            for (Annotation a : info.getParameterAnnotations(i)) {
                String name = null;
                boolean path = false;
                if (a instanceof QueryParam q) {
                    name = q.value();
                } else if (a instanceof RestQuery q) {
                    name = q.value();
                } else if (a instanceof PathParam p) {
                    name = p.value();
                    path = true;
                } else if (a instanceof RestPath p) {
                    name = p.value();
                    path = true;
                }
                if (name == null) {
                    continue;
                }
                if (name.isEmpty() && method != null) {
                    name = method.getParameters()[i].getName();
                }
                list.add(new Declared(name, path, elementType(types[i], generic == null ? null : generic[i])));
            }
        }
        return List.copyOf(list);
    }

    /** The type converted from text: T of Optional&lt;T&gt;, List&lt;T&gt;, Set&lt;T&gt;, else the type itself. */
    private static Class<?> elementType(Class<?> type, Type generic) {
        if ((Optional.class.equals(type) || Collection.class.isAssignableFrom(type))
                && generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return type;
    }
}
