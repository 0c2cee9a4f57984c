package app.goblina.worker.providers.llm;

import java.util.List;

/** The one message we send a model whose answer failed validation. */
final class RepairPrompt {

    private RepairPrompt() {
    }

    static String forProblems(List<String> problems) {
        StringBuilder text = new StringBuilder("Your previous answer could not be used:\n");
        problems.forEach(problem -> text.append("- ").append(problem).append('\n'));
        text.append("Answer again with the complete, corrected JSON. Follow the same schema and keep every limit "
                + "the instructions give. Answer with the JSON only.");
        return text.toString();
    }
}
