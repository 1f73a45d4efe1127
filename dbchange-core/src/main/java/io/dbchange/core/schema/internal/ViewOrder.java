package io.dbchange.core.schema.internal;

import io.dbchange.api.schema.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Orders views so that a view comes after the views its definition names. A definition "names" another view when
 * the other view's name occurs in it as a whole word: this over-approximates real dependencies (a column or string
 * with the same name counts too), which only adds constraints; if they form a cycle, the remaining views keep name
 * order.
 */
public final class ViewOrder {

    private ViewOrder() {}

    /** The views in an order in which each can be created after the ones before it. */
    public static List<View> creationOrder(List<View> views) {
        Map<String, View> remaining = new LinkedHashMap<>();
        views.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(v -> remaining.put(v.name(), v));
        Map<String, Pattern> words = new LinkedHashMap<>();
        for (String name : remaining.keySet()) {
            words.put(name, Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])"));
        }
        List<View> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            View next = null;
            for (View candidate : remaining.values()) {
                boolean ready = remaining.keySet().stream()
                        .filter(other -> !other.equals(candidate.name()))
                        .noneMatch(other ->
                                words.get(other).matcher(candidate.definition()).find());
                if (ready) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                next = remaining.values().iterator().next();
            }
            ordered.add(next);
            remaining.remove(next.name());
        }
        return ordered;
    }
}
