package dojo.models.viz;

/** Parses tokens typed by a user ("3 7 12 3" or "3,7,12,3") into token ids, with a readable error. */
public final class TokenInput {

    private TokenInput() {
    }

    /**
     * @param maxId  the largest token id (ids start at 1; 0 is padding)
     * @param maxLen the most tokens the model takes
     * @throws IllegalArgumentException naming the first bad token and its position (1-based)
     */
    public static int[] parse(String text, int maxId, int maxLen) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) throw new IllegalArgumentException("--input is empty; type token ids 1.." + maxId + ", e.g. --input \"3 7 12 5 3\"");
        String[] parts = trimmed.split("[\\s,]+");
        if (parts.length > maxLen) {
            throw new IllegalArgumentException("--input has " + parts.length + " tokens; the model takes at most " + maxLen);
        }
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (v < 1 || v > maxId) {
                String shown = p.length() > 20 ? p.substring(0, 20) + "..." : p;
                throw new IllegalArgumentException("--input token " + (i + 1) + " '" + shown + "' is not a token id 1.." + maxId
                        + (v == 0 ? " (0 is padding)" : ""));
            }
            ids[i] = v;
        }
        return ids;
    }
}
