# ruff: noqa: E501 - SQL statements read better unwrapped
"""Bulk SQL for the analytics bench: 200 courses of 10 lessons, 20,000 learners, about
1,000,000 progress rows, 100,000 quiz attempts and 200,000 tutor messages over the last 180
days, and the daily figures, active days, visits, completions, mastery and content gaps the
platform would have kept for them (aggregated from the generated facts, as a rebuild does).

Course 1 has 2,000 learners (the mastery-matrix CSV); every learner takes 5 of the other 199
courses. Ids are md5-derived, so a run is reproducible."""

from typing import Final

COURSES: Final = 200
LESSONS: Final = 10
LEARNERS: Final = 20_000
BIG_COURSE_LEARNERS: Final = 2_000
QUESTIONS: Final = 5

STEPS: Final = [
    (
        "courses",
        """
CREATE TEMP TABLE bc AS SELECT n, md5('course' || n)::uuid AS id FROM generate_series(1, 200) n;
INSERT INTO courses (id, title, slug, description, subject, difficulty, prerequisites,
    is_published, instructor_id, created_at, updated_at)
SELECT id, 'Bench course ' || n, 'bench-course-' || n, 'A course.', 'python', 'beginner',
    '[]'::jsonb, true, :'admin'::uuid, now() - interval '200 days', now() FROM bc;
INSERT INTO sections (id, course_id, title, position, created_at, updated_at)
SELECT md5('section' || n)::uuid, id, 'Part', 1, now(), now() FROM bc;
CREATE TEMP TABLE bl AS
SELECT bc.n, k, bc.id AS course_id, md5('lesson' || bc.n || '-' || k)::uuid AS id
FROM bc, generate_series(1, 10) k;
INSERT INTO lessons (id, section_id, course_id, title, content, position, estimated_minutes,
    is_premium, created_at, updated_at)
SELECT id, md5('section' || n)::uuid, course_id, 'Lesson ' || k, 'Text of lesson ' || k || '.',
    k, 10, false, now(), now() FROM bl;
""",
    ),
    (
        "enrolments and progress",
        """
CREATE TEMP TABLE enrol AS
SELECT u, md5('user' || u)::uuid AS user_id, c AS n,
    now() - make_interval(days => 10 + (abs(hashtext(u || '-' || c)) % 170)) AS started_at,
    10 - (abs(hashtext('k' || u || '-' || c)) % 3) AS reached
FROM (
    SELECT u, 1 AS c FROM generate_series(1, 2000) u
    UNION ALL
    SELECT u, ((u * 7 + j * 41) % 199) + 2 FROM generate_series(1, 20000) u,
        generate_series(0, 4) j
) e;
INSERT INTO course_progress (user_id, course_id, started_at, last_accessed_at)
SELECT e.user_id, bc.id, e.started_at, e.started_at FROM enrol e JOIN bc ON bc.n = e.n;
CREATE TEMP TABLE done AS
SELECT e.user_id, bl.course_id, bl.id AS lesson_id, bl.k,
    e.started_at + make_interval(hours => bl.k * 9, mins => abs(hashtext(e.u || '-' || bl.id::text)) % 50) AS completed_at,
    5 + abs(hashtext('m' || e.u || '-' || bl.id::text)) % 40 AS minutes
FROM enrol e JOIN bl ON bl.n = e.n AND bl.k <= e.reached;
INSERT INTO lesson_completions (user_id, lesson_id, course_id, completed_at)
SELECT user_id, lesson_id, course_id, completed_at FROM done;
INSERT INTO learning_lesson_visits (user_id, lesson_id, course_id, first_opened_at)
SELECT user_id, lesson_id, course_id, completed_at - make_interval(mins => minutes) FROM done;
INSERT INTO learning_active_days (course_id, day, user_id)
SELECT DISTINCT course_id, (completed_at AT TIME ZONE 'UTC')::date, user_id FROM done;
INSERT INTO learning_course_completions (course_id, user_id, completed_at)
SELECT course_id, user_id, completed_at FROM done WHERE k = 10;
INSERT INTO learning_daily_figures (course_id, day, metric, item_id, detail, value)
SELECT course_id, (completed_at AT TIME ZONE 'UTC')::date, 'lesson_completions', lesson_id, '',
    count(*) FROM done GROUP BY 1, 2, 4
UNION ALL
SELECT course_id, (completed_at AT TIME ZONE 'UTC')::date, 'lesson_minutes', lesson_id,
    lpad(minutes::text, 3, '0'), count(*) FROM done GROUP BY 1, 2, 4, 5;
INSERT INTO lesson_mastery (user_id, lesson_id, course_id, p_mastery, evidence, last_evidence_at)
SELECT user_id, lesson_id, course_id, (abs(hashtext('p' || user_id::text || lesson_id::text)) % 1000) / 1000.0,
    1 + abs(hashtext('e' || user_id::text || lesson_id::text)) % 5, completed_at FROM done;
""",
    ),
    (
        "quizzes and attempts",
        """
INSERT INTO quizzes (id, course_id, lesson_id, title, passing_score, is_premium, created_by,
    created_at, updated_at)
SELECT md5('quiz' || n)::uuid, id, md5('lesson' || n || '-1')::uuid, 'Quiz', 7000, false, :'admin'::uuid,
    now(), now() FROM bc;
CREATE TEMP TABLE bq AS
SELECT bc.n, q, md5('quiz' || bc.n)::uuid AS quiz_id, bc.id AS course_id,
    md5('question' || bc.n || '-' || q)::uuid AS id, md5('lesson' || bc.n || '-' || q)::uuid AS lesson_id
FROM bc, generate_series(1, 5) q;
INSERT INTO quiz_questions (id, quiz_id, position, kind, prompt, points, lesson_id, options,
    correct_option_ids, accepted_answers)
SELECT id, quiz_id, q, 'single_choice', 'Question ' || q || '?', 1, lesson_id,
    '[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}, {"id": "d", "text": "D"}]'::jsonb,
    '["a"]'::jsonb, '[]'::jsonb FROM bq;
CREATE TEMP TABLE att AS
SELECT md5('attempt' || e.u || '-' || e.n)::uuid AS id, md5('quiz' || e.n)::uuid AS quiz_id,
    bc.id AS course_id, e.user_id, e.started_at + interval '3 hours' AS completed_at
FROM enrol e JOIN bc ON bc.n = e.n WHERE abs(hashtext('a' || e.u || '-' || e.n)) % 100 < 98;
CREATE TEMP TABLE ans AS
SELECT att.id AS attempt_id, att.course_id, att.quiz_id, att.user_id, att.completed_at, bq.id AS question_id,
    CASE WHEN r < 60 THEN 'a' WHEN r < 85 THEN 'b' WHEN r < 95 THEN 'c' ELSE 'd' END AS choice
FROM att JOIN bq ON bq.quiz_id = att.quiz_id,
    LATERAL (SELECT abs(hashtext(att.id::text || bq.id::text)) % 100 AS r) h;
CREATE TEMP TABLE graded AS
SELECT attempt_id, count(*) FILTER (WHERE choice = 'a') AS right_answers,
    jsonb_object_agg(question_id::text, choice) AS answers,
    jsonb_agg(jsonb_build_object('question_id', question_id::text, 'correct', choice = 'a',
        'awarded_points', CASE WHEN choice = 'a' THEN '1' ELSE '0' END, 'graded_by', 'exact',
        'needs_review', false, 'max_points', 1)) AS results
FROM ans GROUP BY 1;
INSERT INTO quiz_attempts (id, quiz_id, user_id, number, answers, results, points, max_points,
    score, passed, status, completed_at, created_at, updated_at)
SELECT att.id, att.quiz_id, att.user_id, 1, g.answers, g.results,
    g.right_answers * 100, 5, g.right_answers * 2000, g.right_answers >= 4, 'graded',
    att.completed_at, att.completed_at, att.completed_at
FROM att JOIN graded g ON g.attempt_id = att.id;
INSERT INTO assessment_daily_figures (course_id, day, metric, item_id, detail, value)
SELECT att.course_id, (att.completed_at AT TIME ZONE 'UTC')::date, m.metric, m.item_id, m.detail, count(*)
FROM att JOIN graded g ON g.attempt_id = att.id,
    LATERAL (VALUES ('attempts', att.quiz_id, ''), ('score', att.quiz_id, lpad((g.right_answers * 20)::text, 3, '0')),
        ('learner_attempts', att.user_id, ''), ('passed', CASE WHEN g.right_answers >= 4 THEN att.quiz_id END, '')) m(metric, item_id, detail)
WHERE m.item_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5
UNION ALL
SELECT course_id, (completed_at AT TIME ZONE 'UTC')::date, m.metric, question_id, m.detail, count(*)
FROM ans, LATERAL (VALUES ('answered', ''), ('correct', CASE WHEN choice = 'a' THEN '' END),
    ('wrong_option', CASE WHEN choice <> 'a' THEN choice END)) m(metric, detail)
WHERE m.detail IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
""",
    ),
    (
        "tutors, sessions and messages",
        """
INSERT INTO tutors (id, course_id, name, description, provider, model_id, system_prompt,
    temperature, total_feedbacks, is_active, created_by, created_at, updated_at)
SELECT md5('tutor' || n)::uuid, id, 'Tutor ' || n, '', 'local', 'local-tutor', 'Be kind.', 0.7, 0,
    true, :'admin'::uuid, now(), now() FROM bc;
CREATE TEMP TABLE ses AS
SELECT md5('session' || u)::uuid AS id, md5('user' || u)::uuid AS user_id,
    ((u * 7) % 199) + 2 AS n, now() - make_interval(days => abs(hashtext('s' || u)) % 175) AS created_at
FROM generate_series(1, 20000) u;
INSERT INTO chat_sessions (id, user_id, tutor_id, title, message_count, created_at, updated_at,
    last_message_at)
SELECT id, user_id, md5('tutor' || n)::uuid, 'Chat', 10, created_at, created_at, created_at FROM ses;
CREATE TEMP TABLE msg AS
SELECT md5('message' || ses.id::text || '-' || m)::uuid AS id, ses.id AS session_id, ses.n,
    CASE WHEN m % 2 = 1 THEN 'user' ELSE 'assistant' END AS role,
    ses.created_at + make_interval(mins => m) AS created_at,
    m, abs(hashtext('g' || ses.id::text || m)) % 100 AS r
FROM ses, generate_series(1, 10) m;
INSERT INTO chat_messages (id, session_id, role, content, attachments, meta, citations,
    created_at, updated_at, is_current, reply_to_id, parent_id)
SELECT id, session_id, role, CASE WHEN role = 'user' THEN 'Question ' || (r % 20) ELSE 'Answer.' END,
    '[]'::jsonb,
    CASE WHEN role = 'assistant' THEN '{"provider": "local", "model_id": "local-tutor", "tokens_in": 400, "tokens_out": 120, "latency_ms": 5, "finish_reason": "stop", "extra": {}}'::jsonb END,
    CASE WHEN role = 'assistant' AND r >= 10 THEN '[{"index": 1}]'::jsonb ELSE '[]'::jsonb END,
    created_at, created_at, true, NULL, NULL FROM msg;
INSERT INTO tutoring_daily_figures (course_id, day, metric, item_id, detail, value)
SELECT bc.id, (ses.created_at AT TIME ZONE 'UTC')::date, 'sessions', md5('tutor' || ses.n)::uuid, '', count(*)
FROM ses JOIN bc ON bc.n = ses.n GROUP BY 1, 2, 4
UNION ALL
SELECT bc.id, (msg.created_at AT TIME ZONE 'UTC')::date, 'messages', md5('tutor' || msg.n)::uuid, '', count(*)
FROM msg JOIN bc ON bc.n = msg.n GROUP BY 1, 2, 4
UNION ALL
SELECT bc.id, (msg.created_at AT TIME ZONE 'UTC')::date, 'uncited_answers', md5('tutor' || msg.n)::uuid, '', count(*)
FROM msg JOIN bc ON bc.n = msg.n WHERE role = 'assistant' AND r < 10 GROUP BY 1, 2, 4
UNION ALL
SELECT bc.id, (msg.created_at AT TIME ZONE 'UTC')::date, m.metric, '00000000-0000-0000-0000-000000000000'::uuid,
    'local/local-tutor', sum(m.value)
FROM msg JOIN bc ON bc.n = msg.n, LATERAL (VALUES ('ai_calls', 1), ('ai_tokens_in', 400), ('ai_tokens_out', 120)) m(metric, value)
WHERE role = 'assistant' GROUP BY 1, 2, 3;
INSERT INTO tutoring_gap_groups (id, course_id, words, sample, first_asked_at, last_asked_at)
SELECT md5('gap' || bc.n || '-' || g)::uuid, bc.id, 'question ' || g, 'Question ' || g,
    now() - interval '180 days', now() FROM bc, generate_series(0, 19) g;
CREATE TEMP TABLE gapq AS
SELECT q.id AS message_id, md5('gap' || q.n || '-' || (q.r % 20))::uuid AS group_id, bc.id AS course_id,
    md5('tutor' || q.n)::uuid AS tutor_id, q.created_at
FROM msg a JOIN msg q ON q.session_id = a.session_id AND q.m = a.m - 1 JOIN bc ON bc.n = a.n
WHERE a.role = 'assistant' AND a.r < 10;
INSERT INTO tutoring_gap_questions (message_id, group_id, course_id, tutor_id, asked_at)
SELECT message_id, group_id, course_id, tutor_id, created_at FROM gapq;
INSERT INTO tutoring_daily_figures (course_id, day, metric, item_id, detail, value)
SELECT course_id, (created_at AT TIME ZONE 'UTC')::date, 'gap_questions', group_id, '', count(*)
FROM gapq GROUP BY 1, 2, 4;
""",
    ),
]
