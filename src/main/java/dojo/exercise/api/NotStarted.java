package dojo.exercise.api;

/**
 * The "I have not started this exercise" marker for stubs that contain runnable code (ex05_fix_seed
 * ships the seed's buggy module, which runs): the stub's methods call {@link #untilYouDeleteThisLine()}
 * first, so a fresh clone reports the exercise as not started instead of failing. Delete those lines
 * when you start working on it.
 */
public final class NotStarted {

    private NotStarted() {
    }

    /**
     * Always throws {@link NotImplementedYet}.
     *
     * @throws NotImplementedYet always
     */
    public static void untilYouDeleteThisLine() {
        throw new NotImplementedYet();
    }
}
