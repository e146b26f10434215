package gan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class and method named in docs/ exists, every relative link points at a file, and
 * every formula the autodiff chapters quote as a code comment is in the code.
 */
class DocReferenceTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private final DocReferences checker = new DocReferences(REPO);

    @Test
    void everyReferenceInDocsResolves() throws IOException {
        Path docs = REPO.resolve("docs");
        assertTrue(Files.isDirectory(docs), "docs/ not found at " + docs);
        List<String> problems = new ArrayList<>();
        int refs = 0;
        try (Stream<Path> files = Files.walk(docs)) {
            for (Path md : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".md"))::iterator) {
                String text = Files.readString(md);
                refs += DocReferences.references(text).size();
                // the teaching chapters quote formulas; other documents' code comments are prose
                boolean teaching = docs.relativize(md).toString().startsWith("autodiff");
                for (String p : checker.problems(text, md.getParent(), teaching)) {
                    problems.add(REPO.relativize(md) + ": " + p);
                }
            }
        }
        assertTrue(refs >= 50, "the chapters name the code they explain; found only " + refs + " references");
        assertEquals(List.of(), problems);
    }

    @Test
    void madeUpNamesAreCaught() {
        String md = "See `gan.autograd.NoSuchClass`, `Var#noSuchMethod`, `gan.autograd.Var#nope`, "
                + "`NoSuchClass#apply` and [a file](no/such/file.md), but `Var#backward`, "
                + "`gan.autograd.ops.MatMul#apply`, `gan.autograd.DotGraph.Clusters#add`, `Adam#update` "
                + "and `gan.variants.AdversarialModel#updateGenerator` are fine; `plain code` is no reference.";
        List<String> problems = checker.problems(md, REPO.resolve("docs"));
        assertEquals(List.of("`gan.autograd.NoSuchClass` does not resolve", "`Var#noSuchMethod` does not resolve",
                "`gan.autograd.Var#nope` does not resolve", "`NoSuchClass#apply` does not resolve",
                "link no/such/file.md points at no file"), problems);
        assertEquals(9, DocReferences.references(md).size());
    }

    @Test
    void quotedFormulasMustBeTheCodesComments() {
        String md = "Relu: `// dx = dy · [y > 0]`, and a wrong one: `// dx = dy · [y >= 0]`\n"
                + "    // dx = dy · wᵀ ; dw = xᵀ · dy\n"
                + "    // dx = dy · w ; dw = xᵀ · dy\n"
                + "    g[i] *= h + alpha * (1f - h);\n"
                + "    g[i] *= h + alpha * (1f + h);\n"
                + "```java\nMyOp.apply(x);\n```\n";
        assertEquals(6, DocReferences.formulas(md).size(), "the fenced example is not a quotation");
        assertEquals(List.of("formula `// dx = dy · [y >= 0]` is not in the code",
                "formula `// dx = dy · w ; dw = xᵀ · dy` is not in the code",
                "formula `g[i] *= h + alpha * (1f + h);` is not in the code"),
                checker.problems(md, REPO));
    }

    @Test
    void sourceFallbackChecksTheMember() {
        String md = "`gan.variants.AdversarialModel#noSuchThing` and `gan.variants.NoSuchModel`";
        assertEquals(2, checker.problems(md, REPO).size());
    }
}
