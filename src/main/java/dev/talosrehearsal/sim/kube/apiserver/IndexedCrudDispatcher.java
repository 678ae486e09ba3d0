package dev.talosrehearsal.sim.kube.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * fabric8's CRUD dispatcher with an index by resource type and name, for the requests that name one object.
 *
 * <p>Why: the mock finds an object by testing every stored object's attributes against the request's, so each
 * {@code GET} of one Node, and each create or update (which first looks the object up), costs time in proportion
 * to the cluster's size. A 1,000-node rollout spent 4 of its 47 CPU seconds in that scan, most of it while the
 * applier waited for a gate's Node read (docs/benchmarks.md, seventh session).
 *
 * <p>How: every change to the store goes through {@link #processEvent} (create, update, patch, delete) or
 * {@link #reset}; both keep the index in step under a lock of its own, always taken after the mock's (never the other
 * way round, so the two cannot deadlock). A request that names one object of one
 * type, by plain value, looks only at the objects the index gives for that type and name, and applies the
 * mock's own test ({@link AttributeSet#matches}) to them, so it answers what the full scan would. Anything else
 * (lists, label or field selectors, watches, a name shared across namespaces by a query without one) takes the
 * mock's own path.
 */
public final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
    private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
    private static final String NAME = KubernetesAttributesExtractor.NAME;

    /** "plural/name" → the stored keys with that type and name (one per namespace), in insertion order. */
    private final Map<String, Set<AttributeSet>> byTypeAndName = new HashMap<>();
    /**
     * Guards the index and the store together: writes of the store happen inside {@link #processEvent}, which holds it
     * for writing (inside the mock's own write lock); the fast paths hold it for reading and never take the mock's lock
     * while holding it. {@link #reset} empties the store before it takes this lock: a key the index still names but the
     * store lost sends a read the mock's own way.
     */
    private final ReadWriteLock index = new ReentrantReadWriteLock();
    /** What {@link #lookUp} answers for "no such object" (never stored). */
    private static final AttributeSet NOT_FOUND = new AttributeSet();
    /** Set for good when a write did not land where {@link #storedKey} expected: the index is no longer trusted. */
    private boolean broken;

    @Override
    public MockResponse handleGet(String path) {
        if (path.indexOf('?') < 0) { // a query string may select or watch: the mock's path
            AttributeSet query = getKey(path);
            index.readLock().lock();
            try {
                AttributeSet found = lookUp(query);
                if (found == NOT_FOUND) {
                    return new MockResponse().setResponseCode(404);
                }
                String body = found == null ? null : map.get(found);
                if (body != null) {
                    return new MockResponse().setResponseCode(200).setBody(body);
                }
            } finally {
                index.readLock().unlock();
            }
        }
        return super.handleGet(path);
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        index.readLock().lock();
        try {
            AttributeSet found = lookUp(query);
            if (found == NOT_FOUND) {
                return null;
            }
            String body = found == null ? null : map.get(found);
            if (body != null) {
                return new AbstractMap.SimpleImmutableEntry<>(found, body);
            }
        } finally {
            index.readLock().unlock();
        }
        return super.findResource(query);
    }

    /**
     * The one stored key that matches {@code query}, {@link #NOT_FOUND} when none does, or null when the index cannot
     * tell (not a lookup of one type and name, more than one match, the index abandoned). Under the read lock.
     */
    private AttributeSet lookUp(AttributeSet query) {
        String slot = slot(query, true);
        if (slot == null || broken) {
            return null;
        }
        Set<AttributeSet> candidates = byTypeAndName.getOrDefault(slot, Set.of());
        AttributeSet found = NOT_FOUND;
        for (AttributeSet key : candidates) {
            if (key.matches(query)) {
                if (found != NOT_FOUND) {
                    return null; // the mock's answer depends on its store's order: let it answer
                }
                found = key;
            }
        }
        return found;
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, GenericKubernetesResource resource,
            String value) {
        index.writeLock().lock();
        try {
            super.processEvent(path, pathAttributes, oldAttributes, resource, value);
            if (broken) {
                return;
            }
            if (oldAttributes != null && !map.containsKey(oldAttributes)) {
                unindex(oldAttributes);
            }
            if (value != null) {
                AttributeSet stored = storedKey(pathAttributes, resource, value);
                if (stored != null && value.equals(map.get(stored))) {
                    indexKey(stored);
                } else {
                    // The mock filed the object under a key this class did not foresee (a change in fabric8): answer
                    // every request the mock's own way from now on rather than from an index that may miss it.
                    broken = true;
                    byTypeAndName.clear();
                }
            }
        } finally {
            index.writeLock().unlock();
        }
    }

    @Override
    public void reset() {
        // The mock's own lock first and alone, as every write takes the two locks in that order (processEvent); then the
        // index is rebuilt from what the store holds, writes since the reset included.
        super.reset();
        index.writeLock().lock();
        try {
            byTypeAndName.clear();
            synchronized (map) {
                map.keySet().forEach(this::indexKey);
            }
        } finally {
            index.writeLock().unlock();
        }
    }

    /** Whether the index gave up (see {@link #processEvent}); then every request takes the mock's own path. */
    boolean indexAbandoned() {
        index.readLock().lock();
        try {
            return broken;
        } finally {
            index.readLock().unlock();
        }
    }

    /**
     * The key the mock files a written object under, worked out as {@code KubernetesCrudDispatcher.processEvent} does in
     * fabric8 7.9: the attributes of the resource (or of its JSON), under the request path's attributes when they
     * name no resource type. Verified against the store by the caller.
     */
    private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String value) {
        if (!(getAttributeExtractor() instanceof KubernetesAttributesExtractor extractor)) {
            return null;
        }
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(value);
        return key.containsKey(PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    private void indexKey(AttributeSet key) {
        String slot = slot(key, false);
        if (slot != null) {
            byTypeAndName.computeIfAbsent(slot, s -> new LinkedHashSet<>()).add(key);
        }
    }

    private void unindex(AttributeSet key) {
        String slot = slot(key, false);
        Set<AttributeSet> keys = slot == null ? null : byTypeAndName.get(slot);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                byTypeAndName.remove(slot);
            }
        }
    }

    /**
     * "plural/name" for a set with exactly one plural and one name; for a query ({@code asQuery}) only when both
     * are plain values (a selector such as {@code metadata.name!=x} is not a lookup). Null otherwise.
     */
    private static String slot(AttributeSet set, boolean asQuery) {
        String plural = single(set.getAttribute(PLURAL), asQuery);
        String name = single(set.getAttribute(NAME), asQuery);
        return plural == null || name == null ? null : plural + "/" + name;
    }

    private static String single(Attribute attribute, boolean asQuery) {
        if (attribute == null || attribute.getValues().size() != 1) {
            return null;
        }
        if (asQuery && attribute.getType() != io.fabric8.mockwebserver.crud.AttributeType.WITH) {
            return null;
        }
        return attribute.getValues().get(0).toString();
    }
}
