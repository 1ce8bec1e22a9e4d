package org.radbridge.nlp;

import java.util.Locale;
import java.util.Map;

/**
 * A map keyed by lower-case first words (normal statements, not-findings phrases, exam titles) that looks up a word
 * of the text in place: {@code get(text, from, end)} is {@code map.get(text.substring(from, end).toLowerCase(Locale.ROOT))}
 * without cutting the word out, lower-casing or hashing a new String (the rule steps look up thousands of words per
 * report; 11bi's profile showed the HashMap look-up and its String hash as most of what the statement search has left).
 * An ASCII word is hashed and compared letter by letter with its ASCII lower case, which is what
 * {@code toLowerCase(Locale.ROOT)} makes of it; a word with any other character is looked up the plain way, since its
 * lower case may be another letter or longer. A word whose first two letters and length fit no key ({@link WordKeys})
 * is turned away before it is hashed: most words of a report are. Built from the map at load, read-only after.
 */
final class WordTable<V> {

    private static final int ASCII = 128;
    private final Map<String, V> map;
    private final WordKeys pretest;
    /** Open addressing, linear probing; a power of two at most half full. */
    private final String[] keys;
    private final Object[] values;
    private final int mask;

    WordTable(Map<String, V> map) {
        this.map = map;
        pretest = new WordKeys(map.keySet());
        int size = Integer.highestOneBit(Math.max(4, map.size() * 2 - 1)) << 1;
        keys = new String[size];
        values = new Object[size];
        mask = size - 1;
        for (Map.Entry<String, V> e : map.entrySet()) {
            String k = e.getKey();
            if (!k.chars().allMatch(ch -> ch < ASCII)) continue; // no ASCII word lower-cases to it: found via the map
            int slot = k.hashCode() & mask;
            while (keys[slot] != null) slot = (slot + 1) & mask;
            keys[slot] = k;
            values[slot] = e.getValue();
        }
    }

    /** {@code map.get(text.substring(from, end).toLowerCase(Locale.ROOT))}. */
    @SuppressWarnings("unchecked")
    V get(String text, int from, int end) {
        if (!pretest.mayBeKey(text, from, end)) return null;
        int h = 0;
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c >= ASCII) return map.get(text.substring(from, end).toLowerCase(Locale.ROOT));
            h = 31 * h + AsciiChars.lower(c); // String.hashCode of the lower-case word
        }
        int length = end - from;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) return null;
            if (k.length() == length && sameLower(k, text, from)) return (V) values[slot];
        }
    }

    private static boolean sameLower(String key, String text, int from) {
        for (int i = 0; i < key.length(); i++) if (key.charAt(i) != AsciiChars.lower(text.charAt(from + i))) return false;
        return true;
    }
}
