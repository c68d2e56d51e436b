package io.budgetwatch.goals.project;

import io.budgetwatch.common.problem.ProblemException;

/** Problems about a project that several features answer alike. */
public final class ProjectProblems {

    private ProjectProblems() {
    }

    public static ProblemException notFound(String code) {
        return ProblemException.notFound("project-not-found", "code", "未找到项目：" + code,
                "No project with code " + code);
    }
}
