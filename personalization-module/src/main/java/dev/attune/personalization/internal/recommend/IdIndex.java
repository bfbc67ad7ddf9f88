package dev.attune.personalization.internal.recommend;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * External String ids (person ids, item ids) to dense ints 0..size-1 and back, in first-seen order. Models work on the
 * dense ints only; this index is how the serving layer and the explanations get back to the external ids. Immutable.
 */
public final class IdIndex {
    private final String[] ids;
    private final Map<String, Integer> positions;

    private IdIndex(String[] ids) {
        this.ids = ids;
        this.positions = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (positions.putIfAbsent(ids[i], i) != null) {
                throw new IllegalArgumentException("duplicate id " + ids[i]);
            }
        }
    }

    /** The ids in the order given (they must be distinct). */
    public static IdIndex of(Collection<String> ids) {
        return new IdIndex(ids.toArray(String[]::new));
    }

    public int size() {
        return ids.length;
    }

    /** The external id of a dense index. */
    public String id(int index) {
        return ids[index];
    }

    /** The dense index of an external id, or -1 when the id is unknown. */
    public int indexOf(String id) {
        Integer position = positions.get(id);
        return position == null ? -1 : position;
    }
}
