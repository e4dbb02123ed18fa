// EPUBCheck's own command-line entry (the class `java -jar epubcheck.jar` runs) called once per
// EPUB inside one Java process: pairs of arguments, an EPUB and the JSON report to write for it.
// Starting Java and loading EPUBCheck's schemas costs about 12 s of CPU each time on the test
// machine, the check of a small book a fraction of that. Run as a source file (Java 11+):
//   java -cp /usr/share/java/epubcheck.jar EpubcheckBatch.java BOOK.epub OUT.json …
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubcheckBatch {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      new EpubChecker().run(new String[] { args[i], "--json", args[i + 1] });
    }
  }
}
