/**
 * A small program on the client generated from the running app's OpenAPI document
 * (openapi-typescript types + openapi-fetch), as a frontend would use it: register, log in,
 * read a premium lesson as a premium user, stream a tutor's answer, regenerate it, upload a
 * file.
 *
 * Run by scripts/client-check against a live server: TUTOR_API_URL, TUTOR_ADMIN_LOGIN and
 * TUTOR_ADMIN_PASSWORD say where it is and which admin makes the new user premium.
 */
import createClient, { type Client } from "openapi-fetch";
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { components, paths } from "./api.js";

type Schemas = components["schemas"];
type StreamEvent = Schemas["MessageStreamEvent"];
type Api = Client<paths>;

const baseUrl = requiredEnv("TUTOR_API_URL");

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/** The body of a successful call, or an error naming the operation and the error body. */
function ok<T>(step: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${step}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

function client(token?: string): Api {
  return createClient<paths>({
    baseUrl,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

async function logIn(login: string, password: string): Promise<Api> {
  const tokens = ok(
    "login",
    await client().POST("/api/v1/auth/login", { body: { login, password } }),
  );
  check(tokens.token_type === "bearer", "a bearer token pair");
  return client(tokens.access_token);
}

async function registerPremiumStudent(admin: Api): Promise<Api> {
  const suffix = Date.now().toString(36);
  const username = `ts.client.${suffix}`;
  const password = "correct horse battery staple";
  const user = ok(
    "register",
    await client().POST("/api/v1/auth/register", {
      body: { email: `${username}@example.com`, username, password, full_name: "TS Client" },
    }),
  );
  check(user.plan === "free" && user.role === "student", "a new account is a free student");
  ok(
    "setSubscription",
    await admin.PUT("/api/v1/users/{user_id}/subscription", {
      params: { path: { user_id: user.id } },
      body: { plan: "premium" },
    }),
  );
  const student = await logIn(username, password);
  const me = ok("getMe", await student.GET("/api/v1/users/me"));
  check(me.plan === "premium", "the student is premium after the admin's change");
  return student;
}

async function findPremiumLesson(api: Api): Promise<Schemas["OutlineLesson"]> {
  const courses = ok("listCourses", await api.GET("/api/v1/courses", { params: { query: {} } }));
  for (const course of courses.items) {
    const outline = ok(
      "getCourse",
      await api.GET("/api/v1/courses/{course_id}", { params: { path: { course_id: course.id } } }),
    );
    for (const section of outline.sections) {
      const lesson = section.lessons.find((candidate) => candidate.is_premium);
      if (lesson) return lesson;
    }
  }
  throw new Error("no premium lesson in the demo catalog");
}

async function readPremiumLesson(student: Api): Promise<void> {
  const listed = await findPremiumLesson(student);
  const path = { params: { path: { lesson_id: listed.id } } };
  const anonymous = await client().GET("/api/v1/lessons/{lesson_id}", path);
  check(
    anonymous.response.status === 403 && anonymous.error?.error_code === "PREMIUM_REQUIRED",
    "without a token a premium lesson is 403 PREMIUM_REQUIRED",
  );
  const lesson = ok("getLesson", await student.GET("/api/v1/lessons/{lesson_id}", path));
  check(lesson.is_premium && lesson.content.length > 0, "the premium user reads its content");
  console.log(`read premium lesson "${lesson.title}" (${lesson.content.length} characters)`);
}

function streamEvent(name: string, data: string): StreamEvent {
  const payload: unknown = JSON.parse(data);
  switch (name) {
    case "user_message":
      return { event: name, data: payload as Schemas["StreamedUserMessage"] };
    case "done":
      return { event: name, data: payload as Schemas["MessageResponse"] };
    case "delta":
      return { event: name, data: payload as Schemas["TextDelta"] };
    case "error":
      return { event: name, data: payload as Schemas["StreamError"] };
    default:
      throw new Error(`an event the schema does not document: ${name}`);
  }
}

async function streamTutorAnswer(student: Api): Promise<Schemas["MessageResponse"]> {
  const tutors = ok("listTutors", await student.GET("/api/v1/tutors", { params: { query: {} } }));
  const tutor = tutors.items[0];
  check(tutor !== undefined, "the demo has a tutor");
  const session = ok(
    "startSession",
    await student.POST("/api/v1/sessions", { body: { tutor_id: tutor.id } }),
  );
  const { response } = await student.POST("/api/v1/sessions/{session_id}/messages/stream", {
    params: { path: { session_id: session.id } },
    body: { content: "What is this course about?" },
    parseAs: "stream",
  });
  check(response.ok && response.body !== null, `streamMessage: HTTP ${response.status}`);
  const events: StreamEvent[] = [];
  const parsed = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  for await (const message of parsed) {
    events.push(streamEvent(message.event ?? "message", message.data));
  }
  const [first, last] = [events[0], events[events.length - 1]];
  check(first?.event === "user_message", "the stream starts with the stored question");
  if (last?.event === "error") throw new Error(`the tutor failed: ${last.data.detail}`);
  check(last?.event === "done", "the stream ends with the stored answer");
  const text = events.map((event) => (event.event === "delta" ? event.data.text : "")).join("");
  check(text === last.data.content, "the deltas add up to the stored answer");
  check(last.data.reply_to_id === first.data.id, "the answer replies to the question");
  check(first.data.assistant_message_id === last.data.id, "the answer's id was known up front");
  console.log(`streamed an answer in ${events.length - 2} pieces (${text.length} characters)`);
  return last.data;
}

async function regenerateAnswer(student: Api, answer: Schemas["MessageResponse"]): Promise<void> {
  const again = ok(
    "regenerateMessage",
    await student.POST("/api/v1/messages/{message_id}/regenerate", {
      params: { path: { message_id: answer.id } },
    }),
  );
  check(again.id !== answer.id, "regenerating makes a new answer");
  check(again.reply_to_id === answer.reply_to_id, "to the same question");
  check(
    again.alternatives.includes(answer.id) && again.alternatives.includes(again.id),
    "the old answer stays as an alternative",
  );
  console.log(`regenerated the answer (${again.alternatives.length} alternatives)`);
}

async function uploadFile(student: Api): Promise<void> {
  const content = "# Notes\n\nA list keeps its order.\n";
  const file = ok(
    "uploadFile",
    await student.POST("/api/v1/files", {
      body: { file: content, visibility: "private" },
      bodySerializer(body) {
        const form = new FormData();
        form.append("file", new Blob([body.file], { type: "text/plain" }), "notes.txt");
        if (body.visibility) form.append("visibility", body.visibility);
        return form;
      },
    }),
  );
  check(file.size === new TextEncoder().encode(content).length, "the server stored every byte");
  const again = ok(
    "getFile",
    await student.GET("/api/v1/files/{file_id}", { params: { path: { file_id: file.id } } }),
  );
  check(again.filename === "notes.txt", "the file reads back");
  console.log(`uploaded ${file.filename} (${file.content_type}, ${file.size} bytes)`);
}

async function main(): Promise<void> {
  const admin = await logIn(requiredEnv("TUTOR_ADMIN_LOGIN"), requiredEnv("TUTOR_ADMIN_PASSWORD"));
  const student = await registerPremiumStudent(admin);
  await readPremiumLesson(student);
  const answer = await streamTutorAnswer(student);
  await regenerateAnswer(student, answer);
  await uploadFile(student);
  console.log("the generated client did everything the example asks");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
