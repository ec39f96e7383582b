import { taskTitles } from './phrases.ts';
import type { Random } from './random.ts';
import { addDays, type Outlook } from './timeline.ts';

export interface DemoTask {
  externalId: string;
  title: string;
  status: 'open' | 'done';
  dueDate: string;
  /** Position of the assigned CSM in the team. */
  assigneeIndex: number;
}

export interface TasksInput {
  outlook: Outlook;
  today: string;
  ownerIndex: number;
  teamSize: number;
  externalPrefix: string;
}

/**
 * The CSM's to-do list for an account: routine work, done in the past or due soon, and for a troubled
 * account recovery work that is often already overdue.
 */
export function generateTasks(random: Random, input: TasksInput): DemoTask[] {
  const tasks: DemoTask[] = [];
  const add = (title: string, status: DemoTask['status'], due: number) =>
    tasks.push({
      externalId: `${input.externalPrefix}-t${tasks.length + 1}`,
      title,
      status,
      dueDate: addDays(input.today, due),
      // Mostly the owner; now and then a colleague covers.
      assigneeIndex: random.chance(0.9) ? input.ownerIndex : random.int(0, input.teamSize - 1),
    });
  for (let n = random.int(0, 3); n > 0; n--) {
    const done = random.chance(0.5);
    add(
      random.pick(taskTitles.routine),
      done ? 'done' : 'open',
      done ? -random.int(1, 60) : random.int(1, 30),
    );
  }
  if (input.outlook === 'escalating' || input.outlook === 'quiet')
    for (let n = random.int(1, 2); n > 0; n--)
      add(random.pick(taskTitles.recovery), 'open', random.int(-14, 7));
  return tasks;
}
