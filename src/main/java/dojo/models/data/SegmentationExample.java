package dojo.models.data;

/**
 * One single-channel image to segment: row-major {@code [height * width]} pixels in 0..1 and the class of
 * every pixel ({@code labels}, same layout, 0 = background).
 */
public record SegmentationExample(double[] pixels, int[] labels, int height, int width) {
    public SegmentationExample {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + height + "x" + width);
        }
        if (pixels.length != height * width || labels.length != height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels and " + labels.length + " labels for a " + height + "x" + width + " image");
        }
        pixels = pixels.clone();
        labels = labels.clone();
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public double pixel(int row, int col) {
        return pixels[row * width + col];
    }

    public int label(int row, int col) {
        return labels[row * width + col];
    }
}
