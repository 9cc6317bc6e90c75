package dojo.export;

/** The few fixed words that exports print, in the language of the banks. */
record Labels(
        String handout, String answerKey, String name, String date, String questions, String chooseOne,
        String chooseAll, String trueWord, String falseWord, String answer, String accepted, String pattern,
        String tolerance, String order, String orderPrompt, String modelAnswer, String keyPoints,
        String explanation, String references, String difficulty, String correctOrder, String trueOrFalse, String colon) {

    static Labels of(String lang) {
        if ("zh".equals(lang)) {
            return new Labels("讲义", "含答案", "姓名", "日期", "道题", "单选", "多选（选出所有正确项）", "正确", "错误",
                    "答案", "可接受的答案", "匹配模式", "允许误差", "顺序", "按正确顺序写出字母：", "参考答案", "要点",
                    "解析", "参考文献", "难度", "正确顺序", "判断正误", "：");
        }
        return new Labels("Handout", "with answer key", "Name", "Date", "questions", "Choose one",
                "Choose all that apply", "True", "False", "Answer", "Accepted answers", "Pattern", "tolerance",
                "Order", "Write the letters in the correct order:", "Model answer", "Key points", "Explanation",
                "References", "Difficulty", "Correct order", "True or false?", ":");
    }
}
