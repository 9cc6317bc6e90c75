package dojo.workshop.live;

/** A request the live session refuses; {@link #kind} decides the HTTP status, the message is one line. */
public class LiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Kind {
        /** Malformed: a missing or invalid field (400). */
        BAD_REQUEST(400),
        /** A wrong join code, player token or host token (403). */
        FORBIDDEN(403),
        /** Not allowed in this state: answered twice, the question closed, a name taken (409). */
        CONFLICT(409),
        /** An answer the quiz's scoring cannot read; the player may try again (422). */
        NOT_UNDERSTOOD(422);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public LiveException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
