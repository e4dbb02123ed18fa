// EPUBCheck's own command-line entry (the class `java -jar epubcheck.jar` runs) called once per
// EPUB inside one Java process that waits for books: starting Java and loading EPUBCheck's schemas
// costs several seconds of CPU each time on the test machine, the check of a small book a fraction
// of that. Run as a source file (Java 11+):
//   java -cp /usr/share/java/epubcheck.jar EpubcheckBatch.java
// It reads lines from standard input, each an EPUB and the JSON report to write for it separated
// by a tab, and answers each with a line on standard output, "ok" or "error <reason>", until
// standard input closes. EPUBCheck's own messages go to standard error, so that standard output
// carries only the answers.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubcheckBatch {
  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = requests.readLine()) != null;) {
      String[] pair = line.split("\t", 2);
      try {
        if (pair.length != 2) throw new IllegalArgumentException("expected EPUB<TAB>REPORT, got: " + line);
        new EpubChecker().run(new String[] { pair[0], "--json", pair[1] });
        answers.println("ok");
      } catch (Throwable error) {
        answers.println("error " + String.valueOf(error).replace('\n', ' '));
      }
    }
  }
}
