// The contract without a running server: the app's route declarations need services, but none of them
// touches the database to be declared, so an unconnected connection and placeholder settings suffice.
import mongoose from 'mongoose';
import { documentOf, routeGroups } from '../app';
import { loadConfig } from '../config';
import { createServices } from '../context';
import { createLogger } from '../logger';
import type { RouteGroup } from '../http/route';
import type { OpenApiDocument } from './build';

export function describeApi(): OpenApiDocument {
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
    DEV_LOGIN: 'true',
  });
  const services = createServices(config, createLogger('silent'), mongoose.createConnection());
  const groups: RouteGroup[] = routeGroups(services, () => document);
  const document: OpenApiDocument = documentOf(groups);
  return document;
}
