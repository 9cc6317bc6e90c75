package dojo.models.data;

/** One single-channel image, row-major {@code [height * width]} pixels in 0..1, with its class label. */
public record ImageExample(double[] pixels, int height, int width, int label) {
    public ImageExample {
        if (pixels.length != height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + height + "x" + width + " image");
        }
        pixels = pixels.clone();
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    public double pixel(int row, int col) {
        return pixels[row * width + col];
    }
}
