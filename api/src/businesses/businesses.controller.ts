import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessPrincipal, CurrentBusiness, CurrentUser, Principal, Roles } from '../auth/principal';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { IdParam } from '../http/validation';
import { BusinessesService } from './businesses.service';
import { BusinessDto, UpdateBusinessDto } from './dto/business.dto';

@ApiTags('businesses')
@Controller('businesses')
export class BusinessesController {
  constructor(private readonly businesses: BusinessesService) {}

  @Get(':businessId')
  @ApiOperation({
    summary: 'A business profile',
    description: 'The owner sees everything, including the join code; a linked customer sees id, name and UPI ID.',
  })
  @ApiOkResponse({ type: BusinessDto })
  @ApiAuth()
  @Problems(ProblemCode.BusinessNotFound)
  getBusiness(@CurrentUser() principal: Principal, @IdParam('businessId') businessId: string): Promise<BusinessDto> {
    return this.businesses.get(principal, businessId);
  }

  @Patch(':businessId')
  @Roles('business')
  @ApiOperation({
    summary: 'Change the business name or UPI ID (owner)',
    description: 'Only the fields sent change. Customers see the new UPI ID on their next read.',
  })
  @ApiBody({ type: UpdateBusinessDto, examples: { rename: { value: { name: 'Sharma General Store', upiId: 'sharmastore@okaxis' } } } })
  @ApiOkResponse({ type: BusinessDto })
  @ApiAuth()
  @Problems(ProblemCode.BusinessNotFound)
  updateBusiness(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('businessId') businessId: string,
    @Body() dto: UpdateBusinessDto,
  ): Promise<BusinessDto> {
    return this.businesses.update(owner, businessId, dto);
  }

  @Post(':businessId/join-code')
  @HttpCode(200)
  @Roles('business')
  @ApiOperation({
    summary: 'Issue a new join code (owner); the old one stops working',
    description: 'For a code that leaked: customers already linked stay linked; only new joins need the new code.',
  })
  @ApiOkResponse({ type: BusinessDto })
  @ApiAuth()
  @Problems(ProblemCode.BusinessNotFound)
  regenerateJoinCode(@CurrentBusiness() owner: BusinessPrincipal, @IdParam('businessId') businessId: string): Promise<BusinessDto> {
    return this.businesses.regenerateJoinCode(owner, businessId);
  }
}
