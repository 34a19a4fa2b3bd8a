import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { Audited, itemDetentions, resultDetention } from '../common/audited';
import { Id } from '../common/id.param';
import { CompleteTaskDto, ListTasksQuery } from './dto/task.dtos';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles('casemanager', 'municipality', 'probation', 'supervisor')
  @Audited({ action: 'read:tasks', fields: ['name', 'case-reference', 'tasks'], detentions: itemDetentions() })
  @ApiOperation({ summary: 'Task inbox of your role and organisation, by due date' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQuery) {
    return this.tasks.list(principal, query);
  }

  @Get(':id')
  @Roles('casemanager', 'municipality', 'probation', 'supervisor')
  @Audited({ action: 'read:task', fields: ['task', 'task-data'], detentions: resultDetention })
  @ApiOperation({ summary: 'One task with its outcomes and the JSON schema of its completion form' })
  get(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.tasks.get(principal, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('casemanager', 'municipality', 'probation')
  @ApiOperation({ summary: 'Claim a task (idempotent for yourself)' })
  @ApiConflictResponse({ description: 'claimed by someone else, or already done' })
  claim(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.tasks.claim(principal, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @Roles('casemanager', 'municipality', 'probation')
  @ApiOperation({ summary: 'Give a claimed task back' })
  @ApiConflictResponse({ description: 'claimed by someone else, or already done' })
  unclaim(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.tasks.unclaim(principal, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('casemanager', 'municipality', 'probation')
  @ApiOperation({ summary: 'Complete a task with an outcome and the data its type asks for' })
  @ApiConflictResponse({ description: 'already done, claimed by someone else, or a stale version' })
  complete(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: CompleteTaskDto) {
    return this.tasks.complete(principal, id, body);
  }
}
