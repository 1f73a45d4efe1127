package io.dbchange.api.approval;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Role names. A role is a name the host gives to a set of principals; dbchange asks the host who holds it. Names are
 * upper case ({@value #ROLE_REGEX}) so that {@code dba} and {@code DBA} can never be two roles by mistake. Hosts may
 * define their own roles (e.g. {@code RELEASE_MANAGER}) beside the built-in ones, which follow Bytebase's.
 */
public final class Roles {

    /** The regular expression of a role name. */
    public static final String ROLE_REGEX = "[A-Z][A-Z0-9_]{0,63}";

    /** Workspace owner: may do anything, in every project. */
    public static final String OWNER = "OWNER";

    /** Workspace database administrator: manages instances and databases in every project. */
    public static final String DBA = "DBA";

    /** Owner of one project: manages its members and settings. */
    public static final String PROJECT_OWNER = "PROJECT_OWNER";

    /** Developer in one project: creates change requests. */
    public static final String PROJECT_DEVELOPER = "PROJECT_DEVELOPER";

    /** Releaser in one project: rolls out approved changes. */
    public static final String PROJECT_RELEASER = "PROJECT_RELEASER";

    /** The built-in roles, in the order above. */
    public static final List<String> BUILT_IN = List.of(OWNER, DBA, PROJECT_OWNER, PROJECT_DEVELOPER, PROJECT_RELEASER);

    private static final Pattern ROLE = Pattern.compile(ROLE_REGEX);

    private Roles() {}

    /** Whether {@code role} is a syntactically valid role name; {@code false} for {@code null}. */
    public static boolean isValid(String role) {
        return role != null && ROLE.matcher(role).matches();
    }

    /**
     * Returns {@code role} if it is a valid role name.
     *
     * @param field the name of the argument, for the message
     * @param role the role name to check
     * @throws NullPointerException if {@code role} is {@code null}
     * @throws IllegalArgumentException if {@code role} does not match {@value #ROLE_REGEX}
     */
    public static String requireValid(String field, String role) {
        Objects.requireNonNull(role, () -> "'" + field + "' must not be null");
        if (!isValid(role)) {
            throw new IllegalArgumentException("'" + field + "' must be a role name of 1 to 64 characters: an"
                    + " upper-case letter, then upper-case letters, digits or '_' (" + ROLE_REGEX + ", e.g. DBA,"
                    + " RELEASE_MANAGER), but was '" + role + "'");
        }
        return role;
    }
}
