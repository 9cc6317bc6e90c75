package dojo.workshop.release;

/** Something in a starter repo that learners must not have: the file and why. */
public record Leak(String path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
