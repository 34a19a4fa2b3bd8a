import { applyDecorators, Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { Audited, itemDetentions, resultDetention } from '../common/audited';
import { ApiId, Id } from '../common/id.param';
import { CompleteTaskDto, ListTasksQuery } from './dto/task.dtos';
import { TaskDetailDto, TaskDto, TaskPageDto } from './dto/task.responses';
import { TasksService } from './tasks.service';

/** A task update sent to the detention's workflow: answers the task after it. */
const TaskUpdate = (conflict: string, withBody = false) =>
  applyDecorators(
    ApiOkResponse({ type: TaskDto }),
    ApiErrors([...(withBody ? WITH_BODY : ([400] as const)), 404, 409, 503, 504], { 409: conflict }),
  );

@ApiTags('tasks')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles('casemanager', 'municipality', 'probation', 'supervisor')
  @Audited({ action: 'read:tasks', fields: ['name', 'case-reference', 'tasks'], detentions: itemDetentions() })
  @ApiOperation({ summary: 'Task inbox of your role and organisation, by due date' })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiErrors([400, 503])
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQuery) {
    return this.tasks.list(principal, query);
  }

  @Get(':id')
  @Roles('casemanager', 'municipality', 'probation', 'supervisor')
  @Audited({ action: 'read:task', fields: ['task', 'task-data'], detentions: resultDetention })
  @ApiOperation({ summary: 'One task with its outcomes and the JSON schema of its completion form' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors([400, 404, 503])
  @ApiId('the task')
  get(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.tasks.get(principal, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('casemanager', 'municipality', 'probation')
  @ApiOperation({ summary: 'Claim a task (idempotent for yourself)' })
  @TaskUpdate('claimed by someone else, or already done')
  @ApiId('the task')
  claim(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.tasks.claim(principal, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @Roles('casemanager', 'municipality', 'probation')
  @ApiOperation({ summary: 'Give a claimed task back' })
  @TaskUpdate('claimed by someone else, or already done')
  @ApiId('the task')
  unclaim(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.tasks.unclaim(principal, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('casemanager', 'municipality', 'probation')
  @ApiOperation({ summary: 'Complete a task with an outcome and the data its type asks for' })
  @TaskUpdate('already done, claimed by someone else, or a stale version', true)
  @ApiId('the task')
  complete(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: CompleteTaskDto) {
    return this.tasks.complete(principal, id, body);
  }
}
