import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the console's icon (a red flag on a light tile, in the window's brand colours) as a PNG. It was run
 * once and its output committed; run it again only to change the drawing:
 * {@code java packaging/DrawIcon.java src/main/resources/org/redflag/console/ui/redflag-console.png}
 */
public final class DrawIcon {

    public static void main(String[] args) throws Exception {
        int size = 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);

        RoundRectangle2D tile = new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56);
        g.setPaint(new GradientPaint(0, 8, new Color(0xf6f8fa), 0, 248, new Color(0xe1e6eb)));
        g.fill(tile);
        g.setStroke(new BasicStroke(4f));
        g.setColor(new Color(0xd0d7de));
        g.draw(tile);

        // The pole, then the cloth waving from its top.
        g.setColor(new Color(0x57606a));
        g.fill(new RoundRectangle2D.Double(62, 44, 16, 176, 16, 16));

        GeneralPath cloth = new GeneralPath();
        cloth.moveTo(78, 52);
        cloth.curveTo(118, 34, 150, 74, 200, 56);
        cloth.lineTo(200, 138);
        cloth.curveTo(150, 156, 118, 116, 78, 134);
        cloth.closePath();
        g.setPaint(new GradientPaint(78, 52, new Color(0xe5484d), 200, 138, new Color(0xa40e26)));
        g.fill(cloth);
        g.dispose();

        ImageIO.write(image, "png", new File(args[0]));
    }
}
