package dojo.workshop;

/** When learners see the details of hidden tests (names, messages); the count passed is always shown. */
public enum Visibility {
    /** Before the due date: "k of n hidden tests passed"; after it, every hidden test with its message. */
    HIDDEN_UNTIL_DUE("hidden-until-due"),
    /** Hidden test details are never shown to learners, only the count. */
    HIDDEN("hidden"),
    /** Hidden tests are shown like public ones. */
    VISIBLE("visible");

    private final String yaml;

    Visibility(String yaml) {
        this.yaml = yaml;
    }

    public String yaml() {
        return yaml;
    }

    /** Gradescope's per-test visibility for a hidden test under this setting. */
    public String gradescope() {
        return switch (this) {
            case HIDDEN_UNTIL_DUE -> "after_due_date";
            case HIDDEN -> "hidden";
            case VISIBLE -> "visible";
        };
    }
}
