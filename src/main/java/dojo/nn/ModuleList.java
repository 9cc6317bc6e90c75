package dojo.nn;

/** {@code torch.nn.ModuleList}: children named 0, 1, 2, ... */
public final class ModuleList extends Module {

    private int size;

    public <M extends Module> M add(M module) {
        return registerModule(Integer.toString(size++), module);
    }

    public int size() {
        return size;
    }
}
